// The basemap: countries, rivers and lakes under the records, and place names that appear with the zoom.
// Nothing of it takes a click. Names come from data files and records: they are written as text
// (textContent), never as markup.
(function () {
  'use strict';
  var tracker = window.tracker = window.tracker || {};
  // The least population of a town named below each zoom; capitals and the records' places are always named.
  var LEAST = [[6, 1000000], [7, 300000], [8, 100000], [9, 30000]];
  var RECORD = 2, CAPITAL = 1;

  var least = function (zoom) {
    for (var i = 0; i < LEAST.length; i++) {
      if (zoom < LEAST[i][0]) { return LEAST[i][1]; }
    }
    return 0;
  };

  var pane = function (map, name, zIndex) {
    var made = map.getPane(name) || map.createPane(name);
    made.style.zIndex = zIndex;
    made.style.pointerEvents = 'none';
    return name;
  };

  var marker = function (entry, labelPane) {
    var text = document.createElement('span');
    text.textContent = entry[0];
    var icon = L.divIcon({className: 'tracker-label tracker-label-' + entry[4], html: text, iconSize: [0, 0]});
    return L.marker([entry[1], entry[2]], {icon: icon, pane: labelPane, interactive: false, keyboard: false});
  };

  // mapName, groupName: the names folium gave the map and the basemap's layer group; layers: GeoJSON of
  // countries, rivers and lakes; styles: their styles; places: [name, lat, lon, population, kind], the
  // records' places first, then in the order they should be named; credit: the attribution.
  tracker.basemap = function (mapName, groupName, layers, styles, places, credit) {
    var map = window[mapName], group = window[groupName];
    var shapePane = pane(map, 'trackerBasemap', 350), labelPane = pane(map, 'trackerLabels', 450);
    ['countries', 'rivers', 'lakes'].forEach(function (name) {
      group.addLayer(L.geoJSON(layers[name], {pane: shapePane, interactive: false, style: styles[name]}));
    });
    if (map.attributionControl) { map.attributionControl.addAttribution(credit); }
    var labels = L.layerGroup([], {pane: labelPane});
    group.addLayer(labels);
    var markers = places.map(function (entry) { return marker(entry, labelPane); });
    var width = places.map(function (entry) { return 7 * entry[0].length + 10; });  // px, about
    var place = function () {
      labels.clearLayers();
      var zoom = map.getZoom(), floor = least(zoom), taken = [];
      var view = map.getBounds().pad(0.2);
      for (var i = 0; i < places.length; i++) {
        var entry = places[i];
        if (entry[4] < CAPITAL && entry[3] < floor) { continue; }
        if (!view.contains([entry[1], entry[2]])) { continue; }
        var at = map.latLngToContainerPoint([entry[1], entry[2]]);
        var box = [at.x - 4, at.y - 9, at.x + width[i], at.y + 9];
        var crowded = entry[4] !== RECORD && taken.some(function (other) {
          return box[0] < other[2] && other[0] < box[2] && box[1] < other[3] && other[1] < box[3];
        });
        if (crowded) { continue; }
        taken.push(box);
        labels.addLayer(markers[i]);
      }
    };
    map.on('zoomend moveend', place);
    place();
  };
})();
