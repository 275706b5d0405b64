// The time control: two sliders, from and until, that show only what may have happened between.
(function () {
  'use strict';
  var tracker = window.tracker = window.tracker || {};
  // timed: {layer, group, start, end} per drawn element, by the names of the layer and its group
  tracker.timeControl = function (mapName, timed, firstDay, days) {
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
    var toggle = function (layer, group, start, end, a, b) {
      var show = end >= a && start <= b;
      if (show && !group.hasLayer(layer)) { group.addLayer(layer); }
      if (!show && group.hasLayer(layer)) { group.removeLayer(layer); }
    };
    var update = function () {
      var a = day(Math.min(+from.value, +until.value)), b = day(Math.max(+from.value, +until.value));
      document.getElementById('tracker-window').textContent = a + ' to ' + b;
      timed.forEach(function (t) { toggle(window[t.layer], window[t.group], t.start, t.end, a, b); });
      (window.trackerCells || []).forEach(function (t) { toggle(t.layer, t.group, t.start, t.end, a, b); });
    };
    from.addEventListener('input', update);
    until.addEventListener('input', update);
    update();
  };
})();
