'use strict';
// spaser's chart renderer: Apache ECharts draws each chart as an SVG string
// (server-side rendering, no browser, no DOM).
//
// Input on stdin:  {"charts": [{"width": 400, "height": 300, "option": {...},
//                   "yLabels": [[0, "0 %"], [20, "20 %"]]}]}
// Output on stdout: {"echarts": "6.1.0", "svgs": ["<svg…>", …], "errors": [null, …]}
//
// The options are data: no string in them is ever evaluated. The one
// function is made here: the y axis label formatter, which looks up the
// French labels that spaser wrote (ECharts would write 90,000 and 43.5).
const echarts = require('echarts');

function labeler(pairs) {
  return function (v) {
    for (const [x, text] of pairs) {
      if (Math.abs(x - v) <= 1e-9 * Math.max(1, Math.abs(x))) return text;
    }
    return '';
  };
}

function render(item) {
  const option = item.option;
  if (Array.isArray(item.yLabels) && Array.isArray(option.yAxis) && option.yAxis.length > 0) {
    const axis = option.yAxis[0];
    axis.axisLabel = Object.assign({}, axis.axisLabel, { formatter: labeler(item.yLabels) });
  }
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: item.width, height: item.height });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', () => {
  const input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const svgs = [];
  const errors = [];
  for (const item of input.charts) {
    try {
      svgs.push(render(item));
      errors.push(null);
    } catch (e) {
      svgs.push('');
      errors.push(String(e && e.message ? e.message : e));
    }
  }
  process.stdout.write(JSON.stringify({ echarts: echarts.version, svgs, errors }));
});
