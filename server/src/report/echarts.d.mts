// ECharts' declarations name their files without extensions, which Node16 resolution does not
// follow from `echarts/core`: the types are read from the files they point at, as CommonJS.
type Core = typeof import('echarts/types/dist/core', { with: { 'resolution-mode': 'require' } });
type Charts = typeof import('echarts/types/dist/charts', { with: { 'resolution-mode': 'require' } });
type Components = typeof import('echarts/types/dist/components', { with: { 'resolution-mode': 'require' } });
type Renderers = typeof import('echarts/types/dist/renderers', { with: { 'resolution-mode': 'require' } });

export declare const init: Core['init'];
export declare const use: Core['use'];
export declare const BarChart: Charts['BarChart'];
export declare const CustomChart: Charts['CustomChart'];
export declare const GridComponent: Components['GridComponent'];
export declare const MarkAreaComponent: Components['MarkAreaComponent'];
export declare const MarkLineComponent: Components['MarkLineComponent'];
export declare const SVGRenderer: Renderers['SVGRenderer'];
