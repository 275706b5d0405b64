// The claims panel: a click on a column's heading sorts its rows by that column, up, then down.
// A cell with a data-value sorts by that number; an empty one (nothing measured) goes last either way.
// Rows records.js joins a page at a time, it sorts as data, the same way.
document.addEventListener('DOMContentLoaded', function () {
  'use strict';
  document.querySelectorAll('#tracker-claims th').forEach(function (th, column) {
    th.addEventListener('click', function () {
      var body = th.closest('table').tBodies[0], rows = Array.from(body.rows);
      var up = th.dataset.order !== 'up';
      th.dataset.order = up ? 'up' : 'down';
      if (window.tracker && window.tracker.sortClaims && window.tracker.sortClaims(column, up)) { return; }
      var key = function (row) {
        var cell = row.cells[column];
        if (cell.dataset.value === undefined) { return cell.textContent; }
        return cell.dataset.value === '' ? null : +cell.dataset.value;
      };
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        if (x === null || y === null) { return (x === null) - (y === null); }
        return (x > y ? 1 : x < y ? -1 : 0) * (up ? 1 : -1);
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
});
