// folium turns popup markup into an element with jQuery's $(markup)[0], its only use of jQuery;
// offline pages carry no jQuery, so this does that one thing.
window.$ = window.$ || function (markup) {
  var t = document.createElement('template');
  t.innerHTML = markup.trim();
  return [t.content.firstElementChild];
};
