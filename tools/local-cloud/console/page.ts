// GET / — one self-contained page (no build step) over the JSON endpoints in server.ts.
import { PAPER_CSS } from '../feie/paper';

export const CONSOLE_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Storefront local cloud</title>
<style>
body{font:14px system-ui,sans-serif;margin:0;display:grid;grid-template-columns:220px 1fr;min-height:100vh}
nav{background:#1f2937;color:#e5e7eb;padding:12px}nav a{display:block;color:#e5e7eb;padding:4px 0;cursor:pointer}
main{padding:16px;overflow:auto}h2{margin-top:0}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #e5e7eb;padding:4px 8px;text-align:left;vertical-align:top}
pre{margin:0;white-space:pre-wrap;max-width:900px}button{margin-right:4px}.err{color:#b91c1c}
.tickets{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}.ticket{background:#eeeeee;padding:8px}
${PAPER_CSS}
</style></head><body>
<nav><b>Local cloud</b><p id="health"></p>
<a data-view="screens">Screens</a><a data-view="log">Function log</a><a data-view="outbox">Outbox</a><a data-view="payments">Payments</a><a data-view="printer">Printer</a>
<p>Collections</p><div id="collections"></div></nav>
<main id="main">Loading…</main>
<script>
const main = document.getElementById('main');
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));
const get = (url) => fetch(url).then((r) => r.json());
const views = {
  async screens() {
    const found = await fetch('/screens/index.html', { method: 'HEAD' }).then((r) => r.ok);
    main.innerHTML = found
      ? '<iframe src="/screens/index.html" style="border:0;width:100%;height:calc(100vh - 40px)"></iframe>'
      : '<h2>Screens</h2><p>No pictures yet. Run <code>npm run screens</code> to draw every page of the store in each of its states; they appear here.</p>';
  },
  async log() {
    const rows = (await get('/functions/log')).reverse();
    main.innerHTML = '<h2>Function log</h2><table><tr><th>at</th><th>function</th><th>action</th><th>source</th><th>waited ms</th><th>ran ms</th><th>db ops</th><th>error</th></tr>' +
      rows.map((r) => '<tr><td>' + esc(r.startedAt) + '</td><td>' + esc(r.function) + '</td><td>' + esc(r.action || '') + '</td><td>' + esc(r.source) + '</td><td>' + (r.queuedMs ?? '') + (r.coldStart ? ' (cold start)' : '') + '</td><td>' + (r.durationMs ?? '') + '</td><td>' + r.dbOps + '</td><td class="err">' + esc(r.error || '') + '</td></tr>').join('') + '</table>';
  },
  async outbox() {
    const rows = (await get('/outbox')).reverse();
    main.innerHTML = '<h2>Outbox</h2><button id="clear">Clear</button><table><tr><th>at</th><th>kind</th><th>errcode</th><th>request</th></tr>' +
      rows.map((r) => '<tr><td>' + esc(r.at) + '</td><td>' + esc(r.kind) + '</td><td>' + r.errcode + ' ' + esc(r.errmsg) + '</td><td><pre>' + esc(JSON.stringify(r.request, null, 1)) + '</pre></td></tr>').join('') + '</table>';
    document.getElementById('clear').onclick = () => fetch('/outbox', { method: 'DELETE' }).then(views.outbox);
  },
  async payments() {
    const rows = await get('/pay');
    main.innerHTML = '<h2>Payments</h2><table><tr><th>outTradeNo</th><th>state</th><th>fee</th><th>payer</th><th>callback</th><th></th></tr>' +
      rows.map((p) => '<tr><td>' + esc(p._id) + '</td><td>' + p.state + '</td><td>' + p.totalFee + '</td><td>' + esc(p.payerOpenid) + '</td><td>' + esc(p.functionName) + '</td><td>' +
        (p.state === 'NOTPAY' ? '<button data-pay="succeed" data-no="' + esc(p._id) + '">Pay</button><button data-pay="fail" data-no="' + esc(p._id) + '">Fail</button>' : '') +
        (p.state === 'SUCCESS' ? '<button data-pay="replay" data-no="' + esc(p._id) + '">Replay callback</button>' : '') + '</td></tr>').join('') + '</table>';
    main.querySelectorAll('[data-pay]').forEach((b) => b.onclick = () =>
      fetch('/pay/' + encodeURIComponent(b.dataset.no) + '/' + b.dataset.pay, { method: 'POST' }).then(views.payments));
  },
  async printer() {
    const tickets = (await get('/feie/tickets?html=1')).reverse();
    main.innerHTML = '<h2>Printer (Feie emulation)</h2><p>Every ticket the functions sent, as it comes out of its 58 or 80 mm printer; a line wider than the paper is shaded. Waiting = the printer is offline.</p><button id="clear">Clear</button><div class="tickets">' +
      tickets.map((t) => '<div class="ticket"><div>' + esc(t.sn) + ' · ' + t.paperMm + ' mm · ' + esc(t.apiname) + '</div><div>' + esc(t.receivedAt) + (t.printedAt ? '' : ' · <b>waiting</b>') + '</div>' + t.html + '</div>').join('') + '</div>';
    document.getElementById('clear').onclick = () => fetch('/feie/tickets', { method: 'DELETE' }).then(views.printer);
  },
  async collection(name) {
    const docs = await get('/console/api/collections/' + encodeURIComponent(name));
    main.innerHTML = '<h2>' + esc(name) + ' (' + docs.length + ')</h2>' + docs.map((d) => '<pre>' + esc(JSON.stringify(d, null, 1)) + '</pre><hr>').join('');
  },
};
async function refreshNav() {
  const health = await get('/health');
  document.getElementById('health').textContent = health.status + ' · port ' + health.port;
  const colls = await get('/console/api/collections');
  document.getElementById('collections').innerHTML = colls.map((c) => '<a data-coll="' + esc(c.name) + '">' + esc(c.name) + ' (' + c.count + ')</a>').join('');
  document.querySelectorAll('[data-coll]').forEach((a) => a.onclick = () => { location.hash = 'collection/' + a.dataset.coll; });
}
// The view lives in the URL (#payments, #outbox, #collection/orders), so it can be linked and
// survives a reload.
function showFromHash() {
  const [view, arg] = decodeURIComponent(location.hash.slice(1)).split('/');
  if (view === 'collection' && arg) return views.collection(arg);
  return (views[view] && view !== 'collection' ? views[view] : views.log)();
}
document.querySelectorAll('[data-view]').forEach((a) => a.onclick = () => { location.hash = a.dataset.view; });
window.onhashchange = showFromHash;
refreshNav().then(showFromHash);
</script></body></html>`;
