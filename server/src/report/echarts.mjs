// The parts of Apache ECharts the report draws with, as one module: it ships as a bundle of its
// own (dist/echarts.js), read on the first chart rather than when a door starts.
export { init, use } from 'echarts/core';
export { BarChart, CustomChart } from 'echarts/charts';
export { GridComponent, MarkAreaComponent, MarkLineComponent } from 'echarts/components';
export { SVGRenderer } from 'echarts/renderers';
