// Records drawn from the tables of a page (tracker/maps/scene.py): country borders, circles of
// uncertainty (which take no click), areas, rings of claimed size and dots, each with its tooltip and
// the popup of its record, and the rows of the claims panel. What is drawn carries the keys of its
// legend entries (options.legend: see tracker/maps/markup.py, SYMBOLS). Every string of the tables is markup made of inert
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
  // claim: [kind, claimed, measured, verdict, why, quote (-1: none), verdict chip, assessors' verdicts];
  // an assessor's verdict: [assessor, chip, why]; source: [name, grade]
  var quote = function (c) { return c[5] >= 0 ? "<q class='tracker-quote'>" + text(c[5]) + '</q>' : ''; };
  var assessors = function (c) {
    return c[7].map(function (a) { return "<span class='tracker-assessor'>" + text(a[0]) + ': ' + text(a[1]) +
      '</span>'; }).join('');
  };
  // note: the index of what the second pane of a comparison says of a new record (-1 or none: nothing)
  tracker.popupHtml = function (index, note) {
    var record = scene.records[index];
    var claims = record[6].map(function (c) {
      var others = c[7].map(function (a) { return '<br>' + text(a[0]) + ': ' + text(a[2]); }).join('');
      return '<tr><td>' + text(c[0]) + '</td><td>' + text(c[1]) + '</td><td>' + text(c[2]) + '</td><td><b>' +
        text(c[3]) + '</b>' + assessors(c) + "</td></tr><tr class='tracker-why'><td colspan='4'>" + text(c[4]) +
        others + quote(c) + '</td></tr>';
    }).join('');
    var sources = record[7].map(function (s) { return '<li>' + text(s[0]) + text(s[1]) + '</li>'; }).join('');
    return "<div class='tracker-popup'><h4>" + text(record[0]) + '</h4><p>' + when(record) + ' &middot; ' +
      text(record[1]) + '<br>' + text(record[2]) + '</p>' +
      (note !== undefined && note >= 0 ? "<p class='tracker-change'>" + text(note) + '</p>' : '') +
      (record[3] >= 0 ? "<p class='tracker-basis'>Area: " + text(record[3]) + '</p>' : '') +
      (claims ? '<table><tr><th>claim</th><th>claimed</th><th>measured</th><th>verdict</th></tr>' + claims +
        '</table>' : '') +
      (sources ? '<p>Sources:</p><ul>' + sources + '</ul>' : '') + '</div>';
  };

  // The grades of a record's sources, in words.
  var grades = function (record) {
    return record[7].map(function (s) { return text(s[0]) + text(s[1]); }).join('<br>');
  };
  // row: [record, its claim, claimed, measured, ratio (numbers to sort by), ratio (shown)]
  var panelRow = function (row) {
    var record = scene.records[row[0]], claim = record[6][row[1]];
    var value = function (v) { return v === null ? '' : String(+v); };
    return '<tr><td>' + text(record[0]) + "</td><td data-value='" + value(row[2]) + "'><span class='tracker-kind'>" +
      text(claim[0]) + '</span> ' + text(claim[1]) + quote(claim) + "</td><td data-value='" + value(row[3]) + "'>" +
      text(claim[2]) + "</td><td data-value='" + value(row[4]) + "'>" + text(row[5]) + '</td><td>' + text(claim[6]) +
      assessors(claim) + "</td><td class='tracker-why'>" + text(claim[4]) + "</td><td class='tracker-source'>" +
      grades(record) + '</td></tr>';
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
        case 5: return plain(text(claim[4]));
        default: return plain(grades(record));
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

  // The claims panel and the legend keep clear of the map's controls (zoom, time, layers, scale): each
  // is fitted between the controls of its side of the map; the panel opens by itself only on a
  // large screen (on a small one its heading opens it, and closes it).
  var LARGE = '(min-width: 1400px) and (min-height: 900px)';
  var rect = function (selector) {
    var found = document.querySelector(selector);
    return found && found.offsetParent !== null ? found.getBoundingClientRect() : null;
  };
  tracker.placePanels = function () {
    var width = window.innerWidth, height = window.innerHeight, gap = 8;
    var topLeft = rect('.leaflet-top.leaflet-left'), bottomLeft = rect('.leaflet-bottom.leaflet-left');
    var topRight = rect('.leaflet-top.leaflet-right'), bottomRight = rect('.leaflet-bottom.leaflet-right');
    var legend = document.querySelector('.tracker-legend'), panel = document.querySelector('details.tracker-panel');
    if (legend) {
      legend.style.bottom = (bottomRight ? height - bottomRight.top + gap : 28) + 'px';
      legend.style.maxHeight = Math.max(60, (bottomRight ? bottomRight.top : height) - gap -
        (topRight ? topRight.bottom + gap : gap)) + 'px';
    }
    if (panel) {
      var right = Math.min(legend ? legend.getBoundingClientRect().left : width,
        topRight && topRight.width ? topRight.left : width);
      panel.style.bottom = (bottomLeft ? height - bottomLeft.top + gap : 60) + 'px';
      // at most a third of the height and half the width: the middle of the map stays in view
      panel.style.maxHeight = Math.max(60, Math.min(height / 3, (bottomLeft ? bottomLeft.top : height) - gap -
        (topLeft ? topLeft.bottom + gap : gap))) + 'px';
      panel.style.maxWidth = Math.max(200, Math.min(width / 2, right - gap - 10)) + 'px';
    }
  };
  document.addEventListener('DOMContentLoaded', function () {
    var panel = document.querySelector('details.tracker-panel');
    if (panel && window.matchMedia(LARGE).matches) { panel.open = true; }
    window.addEventListener('resize', tracker.placePanels);
    document.querySelectorAll('details.tracker-panel, details.tracker-legend').forEach(function (box) {
      box.addEventListener('toggle', tracker.placePanels);
    });
    setTimeout(tracker.placePanels, 0);  // once the maps have made their controls
  });

  // Events that stand on one point are set on a small ring around it, so none hides another: the
  // ring is so many pixels across at every zoom.
  var spread = function (map, dots) {
    var stacks = {};
    dots.forEach(function (dot) {
      var key = dot.getLatLng().lat + ',' + dot.getLatLng().lng;
      (stacks[key] = stacks[key] || []).push(dot);
    });
    var stacked = Object.keys(stacks).map(function (key) { return stacks[key]; })
      .filter(function (stack) { return stack.length > 1; });
    if (!stacked.length) { return; }
    stacked.forEach(function (stack) {
      stack.forEach(function (dot) {
        dot.options.legend = dot.options.legend.concat(['stack']);
        dot._trackerHome = dot.getLatLng();
      });
    });
    var layout = function () {
      var zoom = map.getZoom();
      stacked.forEach(function (stack) {
        stack.forEach(function (dot, k) {  // twelve to a ring, 14 px apart (a dot is 12 px across)
          var ring = Math.floor(k / 12), slots = Math.min(12, stack.length - ring * 12);
          var angle = 2 * Math.PI * (k % 12) / slots - Math.PI / 2;
          var radius = Math.max(10, 7 / Math.sin(Math.PI / Math.max(slots, 2))) + 16 * ring;
          var centre = map.project(dot._trackerHome, zoom);
          dot.setLatLng(map.unproject(centre.add([radius * Math.cos(angle), radius * Math.sin(angle)]), zoom));
          if (dot._trackerHalo) { dot._trackerHalo.setLatLng(dot.getLatLng()); }
        });
      });
    };
    map.on('zoomend', layout);
    map.whenReady(layout);
  };

  // Put what came back into view (the time control re-adds layers on top) beneath the dots again:
  // areas, then the rings of claimed size (outlines: a click inside one reaches the area), then dots.
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
    var discs = [], areas = [], halos = [], dots = [];
    stacks.push(areas, discs, halos, dots);
    var popup = function (record, note) { return function () { return tracker.popupHtml(record, note); }; };
    var title = function (record) { return text(scene.records[record][0]); };
    // on a large map, each group shows the tooltip of the layer under the mouse and opens the popup
    // of the area or dot clicked
    if (large) {
      groups.forEach(function (group) {
        group.bindTooltip(function (layer) { return layer.options.tip; }, {sticky: true});
        group.on('click', function (e) {
          if (e.layer.options.popup) {
            L.popup({maxWidth: 420}).setLatLng(e.latlng)
              .setContent(tracker.popupHtml(e.layer.options.record, e.layer.options.note))
              .openOn(map);
          }
        });
      });
    }
    var place = function (kind, index, layer, group, record, tooltip, popups, note) {
      if (large) {
        L.extend(layer.options, {record: record, tip: tooltip, popup: popups, note: note});
      } else {
        window[mapName + '_' + kind + '_' + index] = layer;
        if (tooltip !== undefined) { layer.bindTooltip(tooltip, {sticky: true}); }
        if (popups) { layer.bindPopup(popup(record, note), {maxWidth: 420}); }
      }
      groups[group].addLayer(layer);
      if (record !== null && kind !== 'zone') {
        var r = scene.records[record];
        timed.push({layer: layer, group: groups[group], start: day(r[4]), end: day(r[5]), record: record});
      }
    };

    d.borders.forEach(function (b, i) {  // [name, shape]
      place('border', i, L.polygon(shape(b[1]), style(d.border)), 0, null, text(b[0]), false);
    });
    d.spreads.forEach(function (s, i) {  // [record, lat, lon, layer, radius]: takes no click
      place('spread', i, L.circle([s[1], s[2]], style(L.extend({radius: s[4], color: d.colours[s[3]],
        legend: ['uncertainty']}, d.uncertainty))), s[3], s[0], undefined, false);
    });
    // [shape, layer, legend key]: the halo beneath an area new or grown since the first date of a
    // comparison; it takes no click
    (d.halos || []).forEach(function (h, i) {
      var key = text(h[2]);
      place('halo', i, L.polygon(shape(h[0]), style(L.extend({legend: [key]}, d.halo[key]))), h[1], null,
        undefined, false);
    });
    // [record, shape, layer, style, 1 when timed (0: a reference zone), symbol, note (-1: none)]
    d.areas.forEach(function (a, i) {
      var look = d.styles[a[3]];
      if (d.outline && a[4]) { look = L.extend({}, look, d.outline, {color: look.fillColor}); }
      var keys = a[4] ? [d.keys[a[2]], 'fill:' + (look.fillColor || look.color), text(a[5])] : [text(a[5])];
      if (d.outline && a[4]) { keys = ['fill:' + look.color, text(a[5])]; }
      var area = L.polygon(shape(a[1]), style(L.extend({legend: keys}, look)));
      if (!large) {  // as folium draws an area: a GeoJSON layer of one polygon
        area = L.geoJSON(null).addLayer(area);
      }
      areas.push(area);
      place(a[4] ? 'area' : 'zone', i, area, a[2], a[0], title(a[0]), true, a[6]);
    });
    // [record, lat, lon, layer, radius, its claim, tooltip, label]: the ring of a claimed size, an
    // outline only (a click inside it reaches the area), labelled at its top with how it compares
    d.discs.forEach(function (c, i) {
      var disc = L.circle([c[1], c[2]], style(L.extend({radius: c[4], legend: ['ring']}, d.disc)));
      discs.push(disc);
      place('disc', i, disc, c[3], c[0], text(c[6]), true);
      var top = L.latLng(c[1] + c[4] / 111320, c[2]);
      var label = L.tooltip({permanent: true, direction: 'top', className: 'tracker-ring-label', interactive: false})
        .setLatLng(top).setContent(text(c[7]));
      place('ring_label', i, label, c[3], c[0], undefined, false);
    });
    // [record, lat, lon, layer, fill (its verdict's colour), note (-1: none; else a new event, ringed)]
    d.dots.forEach(function (p, i) {
      var colour = d.colours[p[3]], r = scene.records[p[0]], halo = null;
      if (p[5] >= 0) {
        halo = L.circleMarker([p[1], p[2]], style(L.extend({legend: ['new']}, d.halo['new'])));
        halos.push(halo);
        place('new', i, halo, p[3], p[0], undefined, false);
      }
      var dot = L.circleMarker([p[1], p[2]], style({radius: 6, color: colour, weight: 3, fill: true,
        dashArray: d.patterns[p[3]], fillColor: text(p[4]), fillOpacity: 1,
        legend: [d.keys[p[3]], 'fill:' + text(p[4])]}));
      dot._trackerHalo = halo;
      dots.push(dot);
      place('dot', i, dot, p[3], p[0], title(p[0]) + ' (' + text(r[1]) + ')', true, p[5]);
    });
    spread(map, dots);
    if (d.panel) { fillPanel(d.panel); }
  };
})();
