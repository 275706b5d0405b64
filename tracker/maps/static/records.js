// Records drawn from the tables of a page (tracker/maps/scene.py): country borders, discs of
// uncertainty, discs of claimed size, areas and dots, each with its tooltip and the popup of its
// record, and the rows of the claims panel. Every string of the tables is markup made of inert
// text, so popups and rows are joined from them without escaping anything; the rest are numbers,
// colours and the names folium gives its elements.
(function () {
  'use strict';
  var tracker = window.tracker = window.tracker || {};
  var scene = {strings: [], records: [], shapes: []}, decoded = [], stacks = [];
  var iso = function (ordinal) {  // a Python date ordinal: day 719163 is 1970-01-01
    return new Date((ordinal - 719163) * 86400000).toISOString().slice(0, 10);
  };
  var text = function (index) { return scene.strings[index]; };

  tracker.scene = function (data) { scene = data; decoded = new Array(data.shapes.length); };

  // A shape's polygons, each a list of rings of [lat, lng]: coordinates in 1e-5 degrees, each vertex
  // written as the step from the one before.
  var shape = function (index) {
    if (!decoded[index]) {
      decoded[index] = scene.shapes[index].map(function (polygon) {
        return polygon.map(function (ring) {
          var points = [], x = 0, y = 0;
          for (var k = 0; k < ring.length; k += 2) {
            x += ring[k];
            y += ring[k + 1];
            points.push([y / 1e5, x / 1e5]);
          }
          return points;
        });
      });
    }
    var polygons = decoded[index];
    return polygons.length === 1 ? polygons[0] : polygons;
  };

  var when = function (record) {
    return record[4] === record[5] ? iso(record[4]) : iso(record[4]) + ' to ' + iso(record[5]);
  };

  // record: [title, type, actors, basis, first day, last day, claims, sources]
  // claim: [kind, claimed, measured, verdict, why]; source: [name, grade]
  tracker.popupHtml = function (index) {
    var record = scene.records[index];
    var claims = record[6].map(function (c) {
      return '<tr><td>' + text(c[0]) + '</td><td>' + text(c[1]) + '</td><td>' + text(c[2]) + '</td><td><b>' +
        text(c[3]) + "</b></td></tr><tr class='tracker-why'><td colspan='4'>" + text(c[4]) + '</td></tr>';
    }).join('');
    var sources = record[7].map(function (s) { return '<li>' + text(s[0]) + text(s[1]) + '</li>'; }).join('');
    return "<div class='tracker-popup'><h4>" + text(record[0]) + '</h4><p>' + when(record) + ' &middot; ' +
      text(record[1]) + '<br>' + text(record[2]) + '</p>' +
      (record[3] >= 0 ? "<p class='tracker-basis'>Area: " + text(record[3]) + '</p>' : '') +
      (claims ? '<table><tr><th>claim</th><th>claimed</th><th>measured</th><th>verdict</th></tr>' + claims +
        '</table>' : '') +
      (sources ? '<p>Sources:</p><ul>' + sources + '</ul>' : '') + '</div>';
  };

  // row: [record, its claim, claimed, measured, ratio (numbers to sort by), measured, ratio (shown)]
  var panelRow = function (row) {
    var record = scene.records[row[0]], claim = record[6][row[1]];
    var value = function (v) { return v === null ? '' : String(+v); };
    return '<tr><td>' + text(record[0]) + "</td><td data-value='" + value(row[2]) + "'>" + text(claim[1]) +
      "</td><td data-value='" + value(row[3]) + "'>" + text(row[5]) + "</td><td data-value='" + value(row[4]) +
      "'>" + text(row[6]) + '</td><td>' + text(claim[3]) + "</td><td class='tracker-why'>" + text(claim[4]) +
      '</td></tr>';
  };

  // The claims panel: its rows are joined a page at a time, the next as the panel is scrolled to its
  // end (ten thousand rows at once would take the browser seconds to lay out), and sorted as data.
  var PAGE = 200, panel = {rows: [], shown: 0, body: null};
  var more = function () {
    var next = panel.rows.slice(panel.shown, panel.shown + PAGE);
    panel.body.insertAdjacentHTML('beforeend', next.map(panelRow).join(''));
    panel.shown += next.length;
  };
  var fill = function () {
    panel.body.innerHTML = '';
    panel.shown = 0;
    more();
  };
  var fillPanel = function (rows) {
    panel.rows = rows;
    panel.body = document.querySelector('#tracker-claims tbody');
    fill();
    var box = panel.body.closest('.tracker-panel');
    box.addEventListener('scroll', function () {
      if (panel.shown < panel.rows.length && box.scrollTop + box.clientHeight > box.scrollHeight - 400) { more(); }
    });
  };
  var plain = function (markup) {  // the text inert markup shows (parsed in a template: nothing runs or loads)
    var template = document.createElement('template');
    template.innerHTML = markup;
    return template.content.textContent;
  };
  // sort.js asks for the rows sorted by a column, up or down, as it sorts cells: by the number of a
  // column with values (what has none, last either way), else by the text. False: no rows here.
  tracker.sortClaims = function (column, up) {
    if (!panel.body) { return false; }
    var key = function (row) {
      var record = scene.records[row[0]], claim = record[6][row[1]];
      switch (column) {
        case 1: case 2: case 3: return row[column + 1] === null ? null : +row[column + 1];
        case 0: return plain(text(record[0]));
        case 4: return plain(text(claim[3]));
        default: return plain(text(claim[4]));
      }
    };
    var keyed = panel.rows.map(function (row) { return [key(row), row]; });
    keyed.sort(function (a, b) {
      var x = a[0], y = b[0];
      if (x === null || y === null) { return (x === null) - (y === null); }
      return (x > y ? 1 : x < y ? -1 : 0) * (up ? 1 : -1);
    });
    panel.rows = keyed.map(function (pair) { return pair[1]; });
    fill();
    return true;
  };

  // Put what came back into view (the time control re-adds layers on top) beneath the dots again:
  // discs of claimed size, then areas, then dots.
  tracker.restack = function () {
    stacks.forEach(function (layers) {
      layers.forEach(function (layer) { if (layer._map) { layer.bringToFront(); } });
    });
  };

  // The one canvas a large map draws its records and cells on (one: a canvas above another would
  // take its clicks), beneath the overlays folium draws as SVG (assessed gains), whose blanks let
  // clicks through (map.css).
  tracker.canvas = function (map) {
    if (!map._trackerCanvas) {
      map.createPane('trackerCanvas').style.zIndex = 390;
      map._trackerCanvas = L.canvas({pane: 'trackerCanvas', padding: 0.5});
    }
    return map._trackerCanvas;
  };

  // d: the rows of one map (tracker/maps/draw.py, Drawing.rows). On a small map, each layer drawn has
  // its own tooltip and popup, and is also a global of the page named after its map, as each element
  // of a folium page is. On a large one (d.canvas), each layer group holds the tooltips and popups
  // of all its layers, each layer its record: tens of thousands of layers are made in a moment.
  tracker.drawRecords = function (mapName, d) {
    var map = window[mapName];
    var groups = d.groups.map(function (name) { return window[name]; });
    var large = d.canvas, options = large ? {renderer: tracker.canvas(map)} : {};
    var style = function (extra) { return L.extend({}, options, extra); };
    var timed = window.trackerTimed = window.trackerTimed || [];
    var days = {};
    var day = function (ordinal) { return days[ordinal] || (days[ordinal] = iso(ordinal)); };
    var discs = [], areas = [], dots = [];
    stacks.push(discs, areas, dots);
    var popup = function (record) { return function () { return tracker.popupHtml(record); }; };
    var title = function (record) { return text(scene.records[record][0]); };
    // on a large map, each group shows the tooltip of the layer under the mouse and opens the popup
    // of the area or dot clicked
    if (large) {
      groups.forEach(function (group) {
        group.bindTooltip(function (layer) { return layer.options.tip; }, {sticky: true});
        group.on('click', function (e) {
          if (e.layer.options.popup) {
            L.popup({maxWidth: 420}).setLatLng(e.latlng).setContent(tracker.popupHtml(e.layer.options.record))
              .openOn(map);
          }
        });
      });
    }
    var place = function (kind, index, layer, group, record, tooltip, popups) {
      if (large) {
        L.extend(layer.options, {record: record, tip: tooltip, popup: popups});
      } else {
        window[mapName + '_' + kind + '_' + index] = layer;
        if (tooltip !== undefined) { layer.bindTooltip(tooltip, {sticky: true}); }
        if (popups) { layer.bindPopup(popup(record), {maxWidth: 420}); }
      }
      groups[group].addLayer(layer);
      if (record !== null && kind !== 'zone') {
        var r = scene.records[record];
        timed.push({layer: layer, group: groups[group], start: day(r[4]), end: day(r[5])});
      }
    };

    d.borders.forEach(function (b, i) {  // [name, shape]
      place('border', i, L.polygon(shape(b[1]), style(d.border)), 0, null, text(b[0]), false);
    });
    d.spreads.forEach(function (s, i) {  // [record, lat, lon, layer, radius]
      place('spread', i, L.circle([s[1], s[2]], style({radius: s[4], color: d.colours[s[3]], weight: 1, fill: true,
        fillOpacity: 0.03, dashArray: '4 4', interactive: !large})), s[3], s[0], undefined, false);
    });
    d.discs.forEach(function (c, i) {  // [record, lat, lon, layer, radius, its claim]
      var claim = scene.records[c[0]][6][c[5]];
      var disc = L.circle([c[1], c[2]], style(L.extend({radius: c[4]}, d.disc)));
      discs.push(disc);
      place('disc', i, disc, c[3], c[0], 'claimed: ' + text(claim[1]) + ' (' + text(claim[3]) + ')', false);
    });
    d.areas.forEach(function (a, i) {  // [record, shape, layer, style, 1 when timed (0: a reference zone)]
      var look = d.styles[a[3]];
      if (d.outline && a[4]) { look = L.extend({}, look, d.outline, {color: look.fillColor}); }
      var area = L.polygon(shape(a[1]), style(look));
      if (!large) {  // as folium draws an area: a GeoJSON layer of one polygon
        area = L.geoJSON(null).addLayer(area);
      }
      areas.push(area);
      place(a[4] ? 'area' : 'zone', i, area, a[2], a[0], title(a[0]), true);
    });
    d.dots.forEach(function (p, i) {  // [record, lat, lon, layer, outline colour]
      var dot = L.circleMarker([p[1], p[2]], style({radius: 6, color: text(p[4]), weight: 2.5, fill: true,
        fillColor: d.colours[p[3]], fillOpacity: 0.9}));
      dots.push(dot);
      place('dot', i, dot, p[3], p[0], title(p[0]), true);
    });
    if (d.panel) { fillPanel(d.panel); }
  };
})();
