// The time control: two sliders, from and until, that show only what may have happened between.
(function () {
  'use strict';
  var tracker = window.tracker = window.tracker || {};
  // Shows and hides what records.js and cells.js put in window.trackerTimed and window.trackerCells:
  // {layer, group, start, end}, dates as ISO text.
  tracker.timeControl = function (mapName, firstDay, days) {
    var first = new Date(firstDay + 'T00:00:00Z');
    var day = function (n) { return new Date(first.getTime() + n * 86400000).toISOString().slice(0, 10); };
    var control = L.control({position: 'topleft'});
    control.onAdd = function () {
      var box = L.DomUtil.create('div', 'tracker-time leaflet-bar');
      box.innerHTML = '<label>from <input id="tracker-from" type="range" min="0" max="' + days +
        '" value="0"></label><label>until <input id="tracker-until" type="range" min="0" max="' +
        days + '" value="' + days + '"></label><div id="tracker-window"></div>';
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
      var a = day(Math.min(+from.value, +until.value)), b = day(Math.max(+from.value, +until.value));
      document.getElementById('tracker-window').textContent = a + ' to ' + b;
      var shown = false;
      (window.trackerTimed || []).forEach(function (t) { shown = toggle(t, a, b) || shown; });
      (window.trackerCells || []).forEach(function (t) { toggle(t, a, b); });
      if (shown && tracker.restack) { tracker.restack(); }  // what came back goes back beneath the dots
    };
    from.addEventListener('input', update);
    until.addEventListener('input', update);
    update();
  };
})();
