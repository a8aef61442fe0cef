// The part of Apache ECharts that spaser draws with: bar and line series,
// mark lines, the cartesian grid, text placed by spaser (graphic), a plain
// legend, aria (decals for provisional values), rendered to an SVG string
// without a DOM. A smaller file compiles faster in goja, and every chart
// walks fewer registered component types. Add a component here, run
// `make echarts` and update librarySHA256 in echarts.go.
import { use } from 'echarts/lib/extension.js';
export * from 'echarts/lib/export/core.js';
import { install as SVGRenderer } from 'echarts/lib/renderer/installSVGRenderer.js';
import { install as BarChart } from 'echarts/lib/chart/bar/install.js';
import { install as LineChart } from 'echarts/lib/chart/line/install.js';
import { install as GridComponent } from 'echarts/lib/component/grid/install.js';
import { install as GraphicComponent } from 'echarts/lib/component/graphic/install.js';
import { install as MarkLineComponent } from 'echarts/lib/component/marker/installMarkLine.js';
import { install as LegendComponent } from 'echarts/lib/component/legend/installLegendPlain.js';
import { install as AriaComponent } from 'echarts/lib/component/aria/install.js';

use([SVGRenderer, BarChart, LineChart, GridComponent, GraphicComponent, MarkLineComponent, LegendComponent, AriaComponent]);
