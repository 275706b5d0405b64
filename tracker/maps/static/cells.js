// Dots for aggregated events: per layer, one per grid cell, sized by its count. Each joins
// window.trackerCells, which the time control shows and hides.
(function () {
  'use strict';
  var tracker = window.tracker = window.tracker || {};
  var iso = function (ordinal) {  // a Python date ordinal: day 719163 is 1970-01-01
    return new Date((ordinal - 719163) * 86400000).toISOString().slice(0, 10);
  };
  // entries: [layer name, colour, [lats, lons, counts, first days, last days]] per layer; with
  // canvas, drawn on the map's canvas (records.js)
  tracker.cells = function (entries, canvas) {
    window.trackerCells = window.trackerCells || [];
    entries.forEach(function (entry) {
      var group = window[entry[0]], colour = entry[1], c = entry[2];
      var renderer = canvas ? tracker.canvas(group._map) : undefined;
      for (var i = 0; i < c[0].length; i++) {
        var dot = L.circleMarker([c[0][i], c[1][i]], {radius: 3 + 2 * Math.log2(c[2][i]), color: colour,
          weight: 1, fillColor: colour, fillOpacity: 0.6, renderer: renderer});
        dot.bindTooltip(c[2][i] + ' event' + (c[2][i] === 1 ? '' : 's') + ', ' + iso(c[3][i]) + ' to ' +
          iso(c[4][i]));
        group.addLayer(dot);
        window.trackerCells.push({layer: dot, group: group, start: iso(c[3][i]), end: iso(c[4][i])});
      }
    });
  };
})();
