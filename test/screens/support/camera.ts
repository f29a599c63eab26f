// The page side of the screens: turns a page mounted by miniprogram-simulate into a Capture
// (its rendered tree with the attributes WeChat would draw from, and its scoped WXSS) and hands
// it to the browser process (tools/screens/shooter.ts), which draws it, checks the layout and
// writes the pictures.
//
//   const camera = useCamera();                 // one Chromium per test file
//   await camera.shoot(page, { group: 'customer', page: 'pages/home/index', state: 'closed' });
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import type { Capture, Overlay, Problem, ShotResult } from '../../../tools/screens/protocol';
import { styleIdOf, wxApi, type Mounted } from '../../helpers/mount';
import { CONFIGURED_CLOUD_URL } from '../../helpers/wx-device';
import { EXCEPTIONS } from './exceptions';

interface ExparserNode {
  $$?: Element | Text;
  _vt?: {
    attrs: Array<{ name: string; value: unknown }>;
    event: Record<string, unknown>;
  };
  __virtual?: boolean;
  __wxSlotChildren?: ExparserNode[];
  textContent?: string;
}

const esc = (text: string): string =>
  text.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c,
  );

/** Tags a finger uses whatever their bindings. */
const NATIVE_CONTROLS = new Set([
  'wx-button',
  'wx-navigator',
  'wx-switch',
  'wx-checkbox',
  'wx-radio',
  'wx-picker',
]);
const TAP_EVENTS = ['tap', 'longpress', 'longtap'];
/**
 * TDesign components that listen for taps on their root only to pass a `click` on, which none of
 * our pages binds: a tag, an icon, a picture or a step of the read-only order timeline is not
 * something a person taps here (a checkable or closable tag is).
 */
const DECORATIVE =
  /^(t-tag|t-icon|t-image|t-badge|t-empty|t-loading|t-steps-item)\b(?!.*--(closable|checkable))/;
/** Attributes kept for drawing and for the checks' messages. */
const KEPT = new Set([
  'id',
  'mode',
  'src',
  'hidden',
  'placeholder',
  'value',
  'disabled',
  'scroll-top',
  'scroll-into-view',
  'scroll-y',
  'scroll-x',
]);

function attributes(tag: string, dom: Element, node: ExparserNode, cloudUrl: string): string {
  const out: string[] = [];
  const cls = dom.getAttribute('class');
  if (cls) out.push(`class="${esc(cls)}"`);
  // A control that cannot be used (TDesign's and our "--disabled" modifier) is exempt from the
  // contrast rule (WCAG 1.4.3): it is drawn faint on purpose.
  if (cls && /--disabled\b/.test(cls)) out.push('aria-disabled="true"');
  const style = dom.getAttribute('style');
  if (style) out.push(`style="${esc(style)}"`);
  const vt = node._vt;
  if (!vt) return out.join(' ');
  for (const { name, value } of vt.attrs) {
    if (value === undefined || value === null || value === false || value === '') continue;
    const aria = /^aria-?(\w+)$/i.exec(name);
    if (aria) out.push(`data-aria-${aria[1].toLowerCase()}="${esc(String(value))}"`);
    else if (name === 'class') out.push(`data-class="${esc(String(value))}"`);
    else if (KEPT.has(name)) {
      const text = String(value).replace(CONFIGURED_CLOUD_URL, cloudUrl);
      out.push(
        name === 'id' || name === 'hidden'
          ? `${name}="${esc(text)}"`
          : `data-${name}="${esc(text)}"`,
      );
    }
  }
  const tapped = TAP_EVENTS.some((name) => name in vt.event);
  const decorative = DECORATIVE.test(String(vt.attrs.find((a) => a.name === 'class')?.value ?? ''));
  if (NATIVE_CONTROLS.has(tag) || (tapped && !decorative)) out.push('data-tap');
  return out.join(' ');
}

/** The element WeChat draws: an image's picture, an input's text are real HTML inside the tag. */
function inner(tag: string, node: ExparserNode, cloudUrl: string): string {
  const attr = (name: string): string =>
    String(node._vt?.attrs.find((a) => a.name === name)?.value ?? '').replace(
      CONFIGURED_CLOUD_URL,
      cloudUrl,
    );
  if (tag === 'wx-image') return attr('src') ? `<img src="${esc(attr('src'))}" alt="">` : '';
  if (tag === 'wx-input')
    return `<input value="${esc(attr('value'))}" placeholder="${esc(attr('placeholder'))}">`;
  if (tag === 'wx-textarea')
    return `<textarea placeholder="${esc(attr('placeholder'))}">${esc(attr('value'))}</textarea>`;
  return '';
}

/** The composed tree (shadow trees flattened, as WeChat draws it) as HTML. */
function serialize(node: ExparserNode, cloudUrl: string): string {
  const children = (): string =>
    (node.__wxSlotChildren ?? []).map((child) => serialize(child, cloudUrl)).join('');
  const dom = node.$$;
  if (dom && dom.nodeType === 3) return esc(node.textContent ?? dom.textContent ?? '');
  if (node.__virtual || !dom || dom.nodeType !== 1) return children();
  const tag = (dom as Element).tagName.toLowerCase();
  return `<${tag} ${attributes(tag, dom as Element, node, cloudUrl)}>${inner(tag, node, cloudUrl)}${children()}</${tag}>`;
}

/** Records the toast, modal or action sheet a page asks for, and its run-time title. */
export function recordOverlays(): { overlay?: Overlay; title?: string } {
  const seen: { overlay?: Overlay; title?: string } = {};
  const wx = wxApi() as unknown as Record<string, unknown>;
  wx.showToast = (options: { title?: string }) =>
    void (seen.overlay = { kind: 'toast', title: options.title });
  wx.showLoading = (options: { title?: string }) =>
    void (seen.overlay = { kind: 'toast', title: options.title });
  wx.hideToast = wx.hideLoading = () => void (seen.overlay = undefined);
  wx.showModal = (options: Omit<Overlay, 'kind'>) =>
    void (seen.overlay = { kind: 'modal', ...options });
  wx.showActionSheet = (options: { itemList: string[] }) =>
    void (seen.overlay = { kind: 'sheet', itemList: options.itemList });
  wx.setNavigationBarTitle = (options: { title: string }) => void (seen.title = options.title);
  return seen;
}

export interface Shot {
  group: Capture['group'];
  page: string;
  state: string;
  gallery?: boolean;
}

export interface Camera {
  /** Draws the state in Chromium, writes its pictures, and fails on a layout problem not excepted. */
  shoot(mounted: Mounted, shot: Shot): Promise<ShotResult>;
}

const SHOOTER = path.join(__dirname, '../../../tools/screens/shooter.ts');

function startShooter(): Promise<{
  send(capture: Capture): Promise<ShotResult>;
  child: ChildProcess;
}> {
  const child = spawn(process.execPath, ['--import', 'tsx', SHOOTER], {
    cwd: path.join(__dirname, '../../..'),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = readline.createInterface({ input: child.stdout! });
  const waiting: Array<(line: string) => void> = [];
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`screens shooter exited (${code}):\n${stderr}`)));
    lines.on('line', (line) => {
      if (line === 'READY') {
        resolve({
          child,
          send(capture) {
            return new Promise((done, fail) => {
              waiting.push((answer) => {
                const parsed = JSON.parse(answer) as ShotResult & { error?: string };
                if (parsed.error) fail(new Error(parsed.error));
                else done(parsed);
              });
              child.stdin!.write(`${JSON.stringify(capture)}\n`);
            });
          },
        });
        return;
      }
      waiting.shift()?.(line);
    });
  });
}

/** The problems a reviewed exception (test/screens/support/exceptions.ts) does not cover. */
function unexcepted(shot: Shot, problems: Problem[]): Problem[] {
  return problems.filter(
    (problem) =>
      !EXCEPTIONS.some(
        (e) =>
          e.page === shot.page &&
          e.check === problem.check &&
          (!e.state || e.state === shot.state) &&
          problem.element.startsWith(e.element),
      ),
  );
}

/** One Chromium for the test file; `cloudUrl()` is where the page's pictures are served. */
export function useCamera(cloudUrl: () => string): Camera {
  let shooter: Awaited<ReturnType<typeof startShooter>> | undefined;
  let seen: ReturnType<typeof recordOverlays> = {};
  beforeAll(async () => {
    shooter = await startShooter();
  }, 120_000);
  afterAll(() => shooter?.child.stdin?.end());
  beforeEach(() => {
    seen = recordOverlays();
  });
  return {
    async shoot(mounted, shot) {
      const root = (mounted as unknown as { _exparserNode: ExparserNode })._exparserNode;
      const style = document.getElementById(styleIdOf(mounted));
      const capture: Capture = {
        ...shot,
        html: serialize(root, cloudUrl()),
        css: style?.textContent ?? '',
        title: seen.title,
        overlay: seen.overlay,
      };
      const result = await shooter!.send(capture);
      const problems = unexcepted(shot, result.problems);
      if (problems.length) {
        const list = problems.map((p) => `  ${p.check}: ${p.element} — ${p.detail}`).join('\n');
        throw new Error(
          `${shot.page} (${shot.state}): ${problems.length} layout problem(s)\n${list}`,
        );
      }
      return result;
    },
  };
}
