// The time control: two sliders, from and until, that show only what may have happened between, and
// how many events that is.
(function () {
  'use strict';
  var tracker = window.tracker = window.tracker || {};
  var ordinal = function (date) { return Math.round(date.getTime() / 86400000) + 719163; };  // as Python's
  // Shows and hides what records.js puts in window.trackerTimed ({layer, group, start, end, record},
  // dates as ISO text), and has cells.js count its cells again for the window.
  tracker.timeControl = function (mapName, firstDay, days) {
    var first = new Date(firstDay + 'T00:00:00Z');
    var day = function (n) { return new Date(first.getTime() + n * 86400000).toISOString().slice(0, 10); };
    var control = L.control({position: 'topleft'});
    control.onAdd = function () {
      var box = L.DomUtil.create('div', 'tracker-time leaflet-bar');
      box.innerHTML = '<label>from <input id="tracker-from" type="range" min="0" max="' + days +
        '" value="0"></label><label>until <input id="tracker-until" type="range" min="0" max="' +
        days + '" value="' + days + '"></label><div id="tracker-window"></div>' +
        '<div id="tracker-total" class="tracker-total"></div>';
      L.DomEvent.disableClickPropagation(box);
      return box;
    };
    control.addTo(window[mapName]);
    var from = document.getElementById('tracker-from'), until = document.getElementById('tracker-until');
    var toggle = function (t, a, b) {
      var show = t.end >= a && t.start <= b;
      if (show && !t.group.hasLayer(t.layer)) { t.group.addLayer(t.layer); return true; }
      if (!show && t.group.hasLayer(t.layer)) { t.group.removeLayer(t.layer); }
      return false;
    };
    var update = function () {
      var low = Math.min(+from.value, +until.value), high = Math.max(+from.value, +until.value);
      var a = day(low), b = day(high), records = {};
      document.getElementById('tracker-window').textContent = a + ' to ' + b;
      var shown = false;
      (window.trackerTimed || []).forEach(function (t) {
        shown = toggle(t, a, b) || shown;
        if (t.end >= a && t.start <= b) { records[t.record] = true; }
      });
      var start = ordinal(first);
      if (tracker.countCells) { tracker.countCells(start + low, start + high); }
      var total = Object.keys(records).length + (tracker.countPoints ? tracker.countPoints(start + low, start + high) : 0);
      document.getElementById('tracker-total').textContent = total.toLocaleString('en') + ' event' +
        (total === 1 ? '' : 's');
      if (shown && tracker.restack) { tracker.restack(); }  // what came back goes back beneath the dots
    };
    from.addEventListener('input', update);
    until.addEventListener('input', update);
    update();
  };
})();
