// Turns one captured page state into the two HTML documents the browser draws: the phone frame
// (status bar, navigation bar and tab bar from app.json, the page in an iframe the size of
// WeChat's window, so `vh` and `position: fixed` mean what they mean on a phone) and the page
// itself (its WXSS with rpx at a 375 px screen, app.wxss, TDesign's icons, the shipped font).
import fs from 'node:fs';
import path from 'node:path';
import { glyphNames, SHIPPED } from '../build/icon-glyphs';
import type { Capture } from './protocol';

const root = path.resolve(__dirname, '../..');
const miniprogramRoot = path.join(root, 'miniprogram');

/** The phone: an iPhone X-sized screen in CSS px, as the issue asks (375 × 812). */
export const SCREEN = {
  width: 375,
  height: 812,
  statusBar: 44,
  navBar: 44,
  tabBar: 50,
  safeArea: 34,
};

interface AppJson {
  window?: { navigationBarTitleText?: string; navigationBarBackgroundColor?: string };
  tabBar?: {
    color?: string;
    selectedColor?: string;
    backgroundColor?: string;
    list: Array<{ pagePath: string; text: string; iconPath?: string; selectedIconPath?: string }>;
  };
}

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;

/** rpx → px on a 375 px wide screen (750 rpx = the screen's width). */
export function rpxToPx(css: string): string {
  return css.replace(/(-?\d*\.?\d+)rpx/g, (_all, n: string) => `${+(Number(n) / 2).toFixed(3)}px`);
}

// miniprogram-simulate's own WXSS compiler: scopes classes with the owner's prefix ("main--x"),
// exactly as the page's DOM is scoped.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const simulateWxss = require('miniprogram-simulate/src/wxss') as {
  getContent(file: string): string;
  compile(wxss: string, options: { prefix: string }): string;
};

let appCss: string | undefined;
/** app.wxss scoped like a page's own classes: WeChat applies it to every page. */
function appStyles(): string {
  appCss ??= rpxToPx(
    simulateWxss.compile(simulateWxss.getContent(path.join(miniprogramRoot, 'app.wxss')), {
      prefix: 'main',
    }),
  );
  return appCss;
}

const ICONS = path.join(root, 'node_modules/tdesign-icons-svg/src');

/** The icon names a page draws: TDesign's t-icon classes, scoped ("t-icon--t-icon-close"). */
function drawnIcons(html: string): Array<{ token: string; name: string }> {
  const found = new Map<string, string>();
  for (const match of html.matchAll(/\b([\w-]+--t-icon-([a-z0-9-]+))\b/g))
    found.set(match[1], match[2]);
  return [...found].map(([token, name]) => ({ token, name }));
}

let shipped: Set<string> | undefined;
/**
 * Icons the page draws that the shipped t-icon stylesheet has no glyph for (the build keeps only
 * the glyphs the app can show: tools/build/icon-glyphs.ts): on a phone they would be blank.
 */
export function iconsWithoutGlyph(html: string): string[] {
  shipped ??= glyphNames(fs.readFileSync(path.join(root, SHIPPED), 'utf8'));
  const glyphs = shipped;
  return [...new Set(drawnIcons(html).map((icon) => icon.name))].filter(
    (name) => !NOT_GLYPHS.has(name) && !glyphs.has(name),
  );
}

/** t-icon's own classes that are not icon names. */
const NOT_GLYPHS = new Set(['base', 'image']);

/**
 * TDesign draws icons with a web font it loads from its CDN, which these machines cannot reach;
 * the same icons ship as SVGs in tdesign-icons-svg, drawn here as masks in the text colour.
 */
function iconStyles(html: string): string {
  const rules: string[] = [];
  for (const { token, name } of drawnIcons(html)) {
    const file = path.join(ICONS, `${name}.svg`);
    if (!fs.existsSync(file)) continue;
    const svg = fs
      .readFileSync(file, 'utf8')
      .replace('view-box=', 'viewBox=')
      .replace(/width="1em" height="1em"/, 'width="24" height="24"');
    const url = `url("data:image/svg+xml,${encodeURIComponent(svg)}")`;
    rules.push(
      `.${token}::before{content:""!important;display:inline-block;width:1em;height:1em;` +
        `vertical-align:-0.125em;background-color:currentColor;-webkit-mask:${url} center/contain no-repeat;mask:${url} center/contain no-repeat}`,
    );
  }
  return rules.join('\n');
}

/** What WeChat's own renderer gives the built-in tags before any WXSS. */
const BASE_CSS = `
html,body{margin:0;height:100%}
body{font-family:"Noto Sans SC",sans-serif;-webkit-font-smoothing:antialiased}
:root{--td-font-family:"Noto Sans SC"}
page{display:block;min-height:100%;font-size:16px;line-height:1.4}
wx-view,wx-scroll-view,wx-swiper,wx-swiper-item,wx-navigator,wx-form,wx-rich-text,wx-canvas,wx-picker,wx-textarea,wx-input{display:block}
wx-text,wx-label{display:inline}
wx-block{display:contents}
wx-text{white-space:pre-wrap}
wx-scroll-view{overflow:hidden}
wx-scroll-view[data-scroll-y]{overflow-y:auto}
wx-scroll-view[data-scroll-x]{overflow-x:auto}
wx-scroll-view::-webkit-scrollbar{display:none}
wx-swiper{height:150px;overflow:hidden;position:relative}
wx-swiper-item{position:absolute;inset:0}
wx-swiper-item:not(:first-child){display:none}
wx-image{display:inline-block;width:320px;height:240px;overflow:hidden}
wx-image>img{display:block;width:100%;height:100%;object-fit:fill}
wx-image[data-mode=aspectFill]>img{object-fit:cover}
wx-image[data-mode=aspectFit]>img{object-fit:contain}
wx-image[data-mode=widthFix]{height:auto}wx-image[data-mode=widthFix]>img{height:auto}
wx-image[data-mode=heightFix]{width:auto}wx-image[data-mode=heightFix]>img{width:auto}
wx-input,wx-textarea{min-height:1.4rem;overflow:hidden}
wx-input>input,wx-textarea>textarea{all:unset;display:block;width:100%;height:100%;font:inherit;color:inherit;text-align:inherit}
wx-input>input::placeholder,wx-textarea>textarea::placeholder{color:#808080}
wx-textarea{width:300px;height:150px}
wx-button{position:relative;display:block;margin-left:auto;margin-right:auto;padding-left:14px;padding-right:14px;box-sizing:border-box;font-size:18px;text-align:center;text-decoration:none;line-height:2.55555556;border-radius:5px;overflow:hidden;color:#000;background-color:#f8f8f8}
wx-button::after{content:" ";width:200%;height:200%;position:absolute;top:0;left:0;border:1px solid rgba(0,0,0,.2);transform:scale(.5);transform-origin:0 0;box-sizing:border-box;border-radius:10px}
wx-canvas{width:300px;height:150px}
[hidden]{display:none!important}
`;

/** The page document (loaded into the phone's iframe). */
export function pageDocument(capture: Capture): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<link rel="stylesheet" href="/fonts/400.css"><link rel="stylesheet" href="/fonts/500.css"><link rel="stylesheet" href="/fonts/700.css">
<style>${BASE_CSS}</style>
<style>${appStyles()}</style>
<style>${rpxToPx(capture.css)}</style>
<style>${iconStyles(capture.html)}</style>
</head><body><page>${capture.html}</page></body></html>`;
}

const esc = (text: string): string =>
  text.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c,
  );

function navigationTitle(capture: Capture, app: AppJson): string {
  const file = path.join(miniprogramRoot, `${capture.page}.json`);
  // A test fixture outside miniprogram/ has no page json: the app's title.
  const pageJson = fs.existsSync(file) ? readJson<{ navigationBarTitleText?: string }>(file) : {};
  return (
    capture.title ?? pageJson.navigationBarTitleText ?? app.window?.navigationBarTitleText ?? ''
  );
}

function tabBar(capture: Capture, app: AppJson): string {
  const bar = app.tabBar;
  const current = bar?.list.findIndex((tab) => tab.pagePath === capture.page) ?? -1;
  if (!bar || current < 0) return '';
  const items = bar.list.map((tab, index) => {
    const selected = index === current;
    const icon = selected ? (tab.selectedIconPath ?? tab.iconPath) : tab.iconPath;
    const image = icon
      ? `<img src="data:image/png;base64,${fs.readFileSync(path.join(miniprogramRoot, icon)).toString('base64')}">`
      : '';
    const color = selected ? (bar.selectedColor ?? '#000') : (bar.color ?? '#666');
    return `<div class="tab" style="color:${color}">${image}<span>${esc(tab.text)}</span></div>`;
  });
  return `<footer class="tab-bar" style="background:${bar.backgroundColor ?? '#fff'}">${items.join('')}</footer>`;
}

/** WeChat's own toast, modal and action sheet, for a state that shows one. */
function overlay(capture: Capture): string {
  const shown = capture.overlay;
  if (!shown) return '';
  if (shown.kind === 'toast') {
    return `<div class="toast"><div>${esc(shown.title ?? '')}</div></div>`;
  }
  if (shown.kind === 'modal') {
    const cancel =
      shown.showCancel === false ? '' : `<div>${esc(shown.cancelText ?? '取消')}</div>`;
    return `<div class="mask"></div><div class="modal">
<div class="modal__title">${esc(shown.title ?? '')}</div><div class="modal__content">${esc(shown.content ?? '')}</div>
<div class="modal__actions">${cancel}<div class="modal__confirm">${esc(shown.confirmText ?? '确定')}</div></div></div>`;
  }
  const items = (shown.itemList ?? []).map((item) => `<div>${esc(item)}</div>`).join('');
  return `<div class="mask"></div><div class="sheet">${items}<div class="sheet__cancel">取消</div></div>`;
}

const FRAME_CSS = `
html,body{margin:0;background:#fff;font-family:"Noto Sans SC",sans-serif}
.phone{width:${SCREEN.width}px;position:relative;display:flex;flex-direction:column;overflow:hidden}
.status{height:${SCREEN.statusBar}px;display:flex;align-items:center;justify-content:space-between;padding:0 24px;font:600 15px/1 sans-serif;box-sizing:border-box}
.nav{height:${SCREEN.navBar}px;display:flex;align-items:center;justify-content:center;position:relative;font-size:17px;font-weight:500}
.nav__back{position:absolute;left:12px;top:10px;width:12px;height:12px;border-left:2px solid #000;border-bottom:2px solid #000;transform:translateY(4px) rotate(45deg)}
.nav__capsule{position:absolute;right:7px;top:6px;width:87px;height:32px;border:1px solid #e5e5e5;border-radius:16px;box-sizing:border-box;display:flex;align-items:center;justify-content:space-around;font-size:18px}
.nav__capsule i{display:block;width:1px;height:18px;background:#e5e5e5}
iframe{border:0;width:${SCREEN.width}px;display:block}
.tab-bar{height:${SCREEN.tabBar + SCREEN.safeArea}px;padding-bottom:${SCREEN.safeArea}px;box-sizing:border-box;display:flex;border-top:1px solid #e5e5e5}
.tab{flex:1;display:flex;flex-direction:column;align-items:center;justify-content:center;font-size:10px;gap:2px}
.tab img{width:24px;height:24px}
.tab:only-child,.tab span:only-child{font-size:12px}
.mask{position:absolute;inset:0;background:rgba(0,0,0,.6)}
.toast{position:absolute;left:0;right:0;top:45%;display:flex;justify-content:center}
.toast div{max-width:70%;background:rgba(17,17,17,.8);color:#fff;border-radius:8px;padding:12px 16px;font-size:14px;text-align:center}
.modal{position:absolute;left:37px;right:37px;top:35%;background:#fff;border-radius:12px;overflow:hidden;text-align:center}
.modal__title{font-weight:600;font-size:17px;padding:28px 24px 8px}
.modal__content{color:rgba(0,0,0,.5);font-size:15px;padding:0 24px 28px;white-space:pre-wrap}
.modal__actions{display:flex;border-top:1px solid #e5e5e5;font-weight:600;font-size:17px}
.modal__actions div{flex:1;line-height:56px}.modal__actions div+div{border-left:1px solid #e5e5e5}
.modal__confirm{color:#576b95}
.sheet{position:absolute;left:0;right:0;bottom:0;background:#f7f7f7;border-radius:12px 12px 0 0;overflow:hidden;text-align:center;font-size:17px}
.sheet div{background:#fff;line-height:56px;border-bottom:1px solid #eee}
.sheet .sheet__cancel{margin-top:8px;padding-bottom:${SCREEN.safeArea}px}
`;

/** Height of WeChat's window (what `100vh` means on the page) under the bars this page has. */
export function windowHeight(capture: Capture): number {
  const bars = SCREEN.statusBar + SCREEN.navBar;
  return SCREEN.height - bars - (isTabPage(capture) ? SCREEN.tabBar + SCREEN.safeArea : 0);
}

export function isTabPage(capture: Capture): boolean {
  const app = readJson<AppJson>(path.join(miniprogramRoot, 'app.json'));
  return app.tabBar?.list.some((tab) => tab.pagePath === capture.page) ?? false;
}

/** The phone: bars drawn from app.json and the page's json, the page in an iframe. */
export function frameDocument(capture: Capture, pageUrl: string): string {
  const app = readJson<AppJson>(path.join(miniprogramRoot, 'app.json'));
  const tabs = tabBar(capture, app);
  const back = tabs ? '' : '<div class="nav__back"></div>';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<link rel="stylesheet" href="/fonts/400.css"><link rel="stylesheet" href="/fonts/500.css">
<style>${FRAME_CSS}</style></head><body><div class="phone">
<div class="status" style="background:${app.window?.navigationBarBackgroundColor ?? '#fff'}"><span>9:41</span><span>100%</span></div>
<div class="nav" style="background:${app.window?.navigationBarBackgroundColor ?? '#fff'}">${back}<span>${esc(navigationTitle(capture, app))}</span><div class="nav__capsule">···<i></i>◎</div></div>
<iframe id="page" src="${pageUrl}" style="height:${windowHeight(capture)}px"></iframe>
${tabs}
${overlay(capture)}
</div></body></html>`;
}
