// The two panes of a comparison: moving one map moves the other to the same view, each pane's
// title goes into its map, and the summary of what changed into the second, below its title.
(function () {
  'use strict';
  var tracker = window.tracker = window.tracker || {};
  tracker.syncPanes = function (names) {
    var maps = names.map(function (name) { return window[name]; }), busy = false;
    maps.forEach(function (source, i) {
      var target = maps[1 - i];
      source.on('move', function () {
        if (busy) { return; }
        busy = true;
        target.setView(source.getCenter(), source.getZoom(), {animate: false});
        busy = false;
      });
    });
    document.querySelectorAll('.tracker-pane').forEach(function (pane, i) {
      maps[i].getContainer().appendChild(pane);
    });
    document.querySelectorAll('.tracker-changes').forEach(function (summary) {
      maps[maps.length - 1].getContainer().appendChild(summary);
    });
  };
})();
