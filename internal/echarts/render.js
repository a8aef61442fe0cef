// spaser's chart renderer, run by QuickJS inside the spaser process after
// dist/echarts.spaser.min.js: Apache ECharts draws each chart as an SVG string
// (server-side rendering, no browser, no DOM).
//
// spaserRender takes a request as JSON: {"width": 400, "height": 300,
// "option": {...}, "yLabels": [[0, "0 %"], [20, "20 %"]]}, and returns the
// SVG. The options are data: no string in them is ever evaluated. The one
// function is made here: the y axis label formatter, which looks up the
// French labels that spaser wrote (ECharts would write 90,000 and 43.5).
'use strict';

// ECharts schedules its animation frames with these; a chart drawn once
// for a file needs none, and nothing must run after the call returns.
var setTimeout = function () { return 0; };
var clearTimeout = function () {};

function spaserLabeler(pairs) {
  return function (v) {
    for (var i = 0; i < pairs.length; i++) {
      var x = pairs[i][0];
      if (Math.abs(x - v) <= 1e-9 * Math.max(1, Math.abs(x))) return pairs[i][1];
    }
    return '';
  };
}

function spaserRender(json) {
  var item = JSON.parse(json);
  var option = item.option;
  if (Array.isArray(item.yLabels) && Array.isArray(option.yAxis) && option.yAxis.length > 0) {
    var axis = option.yAxis[0];
    axis.axisLabel = Object.assign({}, axis.axisLabel, { formatter: spaserLabeler(item.yLabels) });
  }
  var chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: item.width, height: item.height });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
