// Runs inside the page document in Chromium (plain script, no build step): the layout checks of
// the screens issue on the real layout. window.__screensChecks() returns the problems found;
// colour contrast comes from axe-core, run next to it by shooter.ts.
/* global window, document, getComputedStyle, NodeFilter */
(function () {
  const MIN_TARGET = 44;
  const SCREEN_WIDTH = 375;
  const BAD_TEXT = /(^|[^A-Za-z])(null|undefined|NaN)(?![A-Za-z])|\[object Object\]/;

  function visible(el) {
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) return false;
    const style = getComputedStyle(el);
    return style.visibility !== 'hidden' && style.display !== 'none' && Number(style.opacity) > 0;
  }

  /** "goods-card__add 「+」": the WXML class (unscoped) or the tag, and a bit of its text. */
  function describe(el) {
    const cls = (el.getAttribute('data-class') || '').trim().split(/\s+/).filter(Boolean);
    const name = cls.length ? '.' + cls.slice(0, 2).join('.') : el.tagName.toLowerCase();
    const text = (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 24);
    const label = el.getAttribute('data-aria-label');
    return name + (text ? ' 「' + text + '」' : label ? ' [' + label + ']' : '');
  }

  function textProblems() {
    const problems = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!BAD_TEXT.test(node.textContent || '') || !el || !visible(el)) continue;
      problems.push({
        check: 'text',
        element: describe(el),
        detail: 'renders "' + node.textContent.trim().slice(0, 40) + '"',
      });
    }
    return problems;
  }

  /** The box a finger can hit: the element, or a larger ::before/::after hit area on it. */
  function hitBox(el) {
    const rect = el.getBoundingClientRect();
    let width = rect.width;
    let height = rect.height;
    for (const pseudo of ['::before', '::after']) {
      const style = getComputedStyle(el, pseudo);
      if (style.content === 'none' || style.position !== 'absolute') continue;
      // WeChat's button border is a 200% box scaled by .5: count what the transform leaves.
      const matrix = /^matrix\(([^,]+),[^,]+,[^,]+,([^,]+),/.exec(style.transform);
      const [scaleX, scaleY] = matrix ? [Number(matrix[1]), Number(matrix[2])] : [1, 1];
      width = Math.max(width, (parseFloat(style.width) || 0) * scaleX);
      height = Math.max(height, (parseFloat(style.height) || 0) * scaleY);
    }
    return { width, height };
  }

  function targetProblems() {
    const problems = [];
    for (const el of document.querySelectorAll('[data-tap]')) {
      if (!visible(el)) continue;
      // A target inside a larger target (an icon inside its button) is hit through the larger one.
      const outer = el.parentElement && el.parentElement.closest('[data-tap]');
      if (outer && visible(outer)) {
        const box = hitBox(outer);
        if (box.width >= MIN_TARGET && box.height >= MIN_TARGET) continue;
      }
      const { width, height } = hitBox(el);
      if (width + 0.5 >= MIN_TARGET && height + 0.5 >= MIN_TARGET) continue;
      problems.push({
        check: 'touch-target',
        element: describe(el),
        detail: Math.round(width) + '×' + Math.round(height) + ' px, under 44×44',
      });
    }
    return problems;
  }

  function scrollsSideways(el) {
    for (let node = el.parentElement; node; node = node.parentElement) {
      const overflowX = getComputedStyle(node).overflowX;
      if (overflowX === 'auto' || overflowX === 'scroll' || overflowX === 'hidden') return true;
    }
    return false;
  }

  function overflowProblems() {
    const problems = [];
    for (const el of document.body.querySelectorAll('*')) {
      if (!visible(el)) continue;
      const rect = el.getBoundingClientRect();
      if (rect.right <= SCREEN_WIDTH + 0.5 && rect.left >= -0.5) continue;
      if (scrollsSideways(el)) continue;
      // Report the outermost element that sticks out, not each of its children.
      const parent = el.parentElement;
      if (parent && parent !== document.body) {
        const outer = parent.getBoundingClientRect();
        if (outer.right > SCREEN_WIDTH + 0.5 || outer.left < -0.5) continue;
      }
      problems.push({
        check: 'overflow',
        element: describe(el),
        detail:
          'spans ' +
          Math.round(rect.left) +
          '…' +
          Math.round(rect.right) +
          ' px of a 375 px screen',
      });
    }
    return problems;
  }

  function cutOffProblems() {
    const problems = [];
    for (const el of document.body.querySelectorAll('*')) {
      const ownText = Array.from(el.childNodes).some(
        (n) => n.nodeType === 3 && n.textContent.trim(),
      );
      if (!ownText || !visible(el)) continue;
      const style = getComputedStyle(el);
      const clipsX = style.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1;
      const clipsY = style.overflowY !== 'visible' && el.scrollHeight > el.clientHeight + 1;
      if (!clipsX && !clipsY) continue;
      if (style.textOverflow === 'ellipsis' || style.webkitLineClamp !== 'none') continue;
      if (style.overflowX === 'auto' || style.overflowY === 'auto' || style.overflowY === 'scroll')
        continue;
      problems.push({
        check: 'cut-off',
        element: describe(el),
        detail:
          'text needs ' +
          el.scrollWidth +
          '×' +
          el.scrollHeight +
          ' px in a ' +
          el.clientWidth +
          '×' +
          el.clientHeight +
          ' px box',
      });
    }
    return problems;
  }

  function nodeProblems() {
    const count =
      document.body.querySelectorAll('*').length -
      document.body.querySelectorAll('wx-image > img, wx-input > input, wx-textarea > textarea')
        .length;
    return count < 1000
      ? []
      : [
          {
            check: 'node-count',
            element: 'page',
            detail: count + ' WXML nodes (WeChat advises under 1,000)',
          },
        ];
  }

  window.__screensDescribe = describe;
  window.__screensChecks = function () {
    return [
      ...textProblems(),
      ...targetProblems(),
      ...overflowProblems(),
      ...cutOffProblems(),
      ...nodeProblems(),
    ];
  };
})();
