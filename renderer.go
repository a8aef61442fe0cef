package spaser

import "embed"

// ChartRuntime is what the chart renderer installs in its cache folder and
// runs with Node.js: the npm package files that pin Apache ECharts, and our
// script. See internal/echarts.
//
//go:embed package.json package-lock.json renderer/render.cjs
var ChartRuntime embed.FS
