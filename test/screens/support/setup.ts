// miniprogram-simulate turns "Nrpx" into "Npx" (a 750 px wide screen). The screens keep rpx as
// written and convert it for the 375 px phone they draw (tools/screens/frame.ts).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const utils = require('miniprogram-simulate/src/utils') as { transformRpx(css: string): string };
utils.transformRpx = (css) => css;
