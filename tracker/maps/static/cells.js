// Dots for aggregated events: per layer, one per grid cell, sized by how many of its events may fall
// in the time window. Each joins window.trackerCells; the time control asks tracker.countCells to
// count them again for its window, and tracker.countPoints how many events that is (each once).
// A click on a cell zooms to it; from zoom DRILL on, each cell in view is drawn as its events, a
// small dot each (those of the time window), in its layer's colour and line pattern.
(function () {
  'use strict';
  var tracker = window.tracker = window.tracker || {};
  var iso = function (ordinal) {  // a Python date ordinal: day 719163 is 1970-01-01
    return new Date((ordinal - 719163) * 86400000).toISOString().slice(0, 10);
  };
  // runs: [step, count, step, count, ...], each step from the day before (the first from the origin):
  // the days and the running totals of the events up to each, for binary search
  var cumulative = function (runs) {
    var days = new Array(runs.length / 2), totals = new Array(runs.length / 2), day = 0, total = 0;
    for (var k = 0; k < runs.length; k += 2) {
      day += runs[k];
      total += runs[k + 1];
      days[k / 2] = day;
      totals[k / 2] = total;
    }
    return {days: days, totals: totals};
  };
  // how many of the days are at most `day`
  var upTo = function (c, day) {
    var low = 0, high = c.days.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (c.days[middle] <= day) { low = middle + 1; } else { high = middle; }
    }
    return low ? c.totals[low - 1] : 0;
  };
  // events that may fall in [a, b] (days from the origin): all but those that begin after b and
  // those that end before a (no event does both when a <= b)
  var within = function (starts, ends, total, a, b) {
    return total - (total - upTo(starts, b)) - upTo(ends, a - 1);
  };
  var origin = 0, all = null, DRILL = 11, SPOT = 1e-4, span = [-Infinity, Infinity], maps = [];
  var radius = function (count) { return 3 + 2 * Math.log2(count); };
  // A cell's tooltip: on a canvas, its layer's group shows the `tip` of the layer under the mouse
  // (records.js); elsewhere, its own.
  var label = function (dot, text, canvas) {
    dot.options.tip = text;
    if (!canvas) {
      if (dot.getTooltip()) { dot.setTooltipContent(text); } else { dot.bindTooltip(text); }
    }
  };
  var tip = function (count, first, last) {
    return count + ' event' + (count === 1 ? '' : 's') + ', ' + iso(first) + ' to ' + iso(last);
  };
  // entries: [layer name, colour, line pattern (null: solid), legend key, [lats, lons, counts, first
  // days, last days, runs of first days, runs of last days (0: the first days), its events' places
  // (lat, lon from the cell's, in SPOT degrees; cell after cell, each cell's by first day; 16-bit
  // pairs in base64), how long each lasts (0: a day each)],
  // the group's name (inert markup)] per layer; days:
  // runs of the first and last days of all these events, each once; with canvas, drawn on the
  // map's canvas (records.js)
  tracker.cells = function (entries, from, days, canvas) {
    window.trackerCells = window.trackerCells || [];
    origin = from;
    all = {starts: cumulative(days[0]), ends: cumulative(days[1])};
    all.total = all.starts.totals.length ? all.starts.totals[all.starts.totals.length - 1] : 0;
    entries.forEach(function (entry) {
      var group = window[entry[0]], colour = entry[1], c = entry[4], map = group._map;
      var renderer = canvas ? tracker.canvas(map) : undefined;
      if (maps.indexOf(map) < 0) {
        maps.push(map);
        map.on('zoomend moveend', function () { tracker.openCells(map); });
      }
      var spots = {text: c[7], values: null}, before = 0;
      for (var i = 0; i < c[0].length; i++) {
        var dot = L.circleMarker([c[0][i], c[1][i]], {radius: radius(c[2][i]), color: colour, weight: 2,
          dashArray: entry[2], fillColor: colour, fillOpacity: 0.6, renderer: renderer,
          legend: [entry[3], 'cells']});
        label(dot, tip(c[2][i], c[3][i], c[4][i]), canvas);
        group.addLayer(dot);
        var starts = cumulative(c[5][i]);
        var cellData = {layer: dot, group: group, map: map, start: iso(c[3][i]), end: iso(c[4][i]),
          count: c[2][i], shown: c[2][i], origin: from, first: c[3][i], last: c[4][i], starts: starts,
          ends: c[6][i] === 0 ? starts : cumulative(c[6][i]), spots: spots, offset: before, spans: c[8][i], colour: colour,
          pattern: entry[2], key: entry[3], name: entry[5], renderer: renderer, canvas: canvas, events: null};
        before += c[2][i];
        dot.on('click', zoomTo(cellData));
        window.trackerCells.push(cellData);
      }
    });
  };
  // A click on a cell zooms to it, far enough in that it opens to its events.
  var zoomTo = function (t) {
    return function () {
      var at = t.layer.getLatLng();
      t.map.setView(at, Math.max(DRILL + 1, t.map.getZoom()));
    };
  };
  // The places of a layer's events (see tracker.cells), read when a cell first opens.
  var decoded = function (spots) {
    if (!spots.values) {
      var bytes = atob(spots.text), values = new Int16Array(bytes.length / 2);
      for (var i = 0; i < values.length; i++) {
        values[i] = bytes.charCodeAt(2 * i) | (bytes.charCodeAt(2 * i + 1) << 8);  // little-endian
      }
      spots.values = values;
    }
    return spots.values;
  };
  // The dots of the events of cell t that may fall in the window, each with its dates and group.
  var eventsOf = function (t) {
    var layer = L.layerGroup(), at = t.layer.getLatLng(), k = 0, places = decoded(t.spots), o = 2 * t.offset;
    for (var run = 0; run < t.starts.days.length; run++) {
      var first = t.origin + t.starts.days[run], upto = t.starts.totals[run];
      for (; k < upto; k++) {
        var last = first + (t.spans === 0 ? 0 : t.spans[k]);
        if (last < span[0] || first > span[1]) { continue; }
        var dot = L.circleMarker([at.lat + places[o + 2 * k] * SPOT, at.lng + places[o + 2 * k + 1] * SPOT], {
          radius: 4, color: t.colour, weight: 2, dashArray: t.pattern, fillColor: t.colour, fillOpacity: 0.9,
          renderer: t.renderer, legend: [t.key]});
        dot.bindTooltip('1 event, ' + (first === last ? iso(first) : iso(first) + ' to ' + iso(last)) + ': ' + t.name);
        layer.addLayer(dot);
      }
    }
    return layer;
  };
  // From zoom DRILL on, each cell of the time window in view (and a margin) is drawn as its events;
  // further out, as one dot again. `again`: draw the events of the open cells again (a new window).
  tracker.openCells = function (map, again) {
    var deep = map.getZoom() >= DRILL, view = map.getBounds().pad(0.25);
    (window.trackerCells || []).forEach(function (t) {
      if (t.map !== map) { return; }
      var open = deep && t.shown > 0 && view.contains(t.layer.getLatLng());
      if (t.events && (!open || again)) {
        t.events.eachLayer(function (dot) { dot.closeTooltip(); });  // none left open on a dot taken away
        t.group.removeLayer(t.events);
        t.events = null;
      }
      if (open && !t.events) {
        t.events = eventsOf(t);
        t.group.addLayer(t.events);
      }
      var dot = !open && t.shown > 0;
      if (dot && !t.group.hasLayer(t.layer)) { t.group.addLayer(t.layer); }
      if (!dot && t.group.hasLayer(t.layer)) { t.group.removeLayer(t.layer); }
    });
  };
  // Count each cell's events again for the window [a, b] (Python date ordinals): a cell with none is
  // hidden, the others sized and labelled by their count in it.
  tracker.countCells = function (a, b) {
    span = [a, b];
    (window.trackerCells || []).forEach(function (t) {
      var count = within(t.starts, t.ends, t.count, a - t.origin, b - t.origin);
      var show = count > 0;
      if (show && count !== t.shown) {
        t.layer.setRadius(radius(count));
        label(t.layer, count === t.count ? tip(count, t.first, t.last) : count + ' of ' +
          tip(t.count, t.first, t.last) + ', in the window', t.canvas);
      }
      t.shown = count;
    });
    maps.forEach(function (map) { tracker.openCells(map, true); });
  };
  // How many of the aggregated events (each once, whatever its groups) may fall in [a, b].
  tracker.countPoints = function (a, b) {
    return all ? within(all.starts, all.ends, all.total, a - origin, b - origin) : 0;
  };
})();
