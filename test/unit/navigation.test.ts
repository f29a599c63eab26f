// navigateOnce: a second navigateTo within a second is dropped; a failed one does not block.
type NavigateOptions = { url: string; fail?: (err: { errMsg: string }) => void };

const g = globalThis as unknown as { wx?: { navigateTo: jest.Mock } };

// Loaded without a static import: the root tsconfig type-checks tests without the mini program's
// `wx` typings, which services/navigation.ts needs. Fresh per test: the guard is module state.
function load() {
  jest.resetModules();
  return jest.requireActual<{
    navigateOnce(url: string): boolean;
    NAVIGATION_GUARD_MS: number;
  }>('../../miniprogram/services/navigation');
}

describe('navigateOnce', () => {
  let now = 1_700_000_000_000;
  let navigateTo: jest.Mock;

  beforeEach(() => {
    navigateTo = jest.fn();
    g.wx = { navigateTo };
    jest.spyOn(Date, 'now').mockImplementation(() => now);
  });
  afterEach(() => {
    jest.restoreAllMocks();
    delete g.wx;
  });

  const opened = () => navigateTo.mock.calls.map((call) => (call[0] as NavigateOptions).url);

  it('drops a second navigation within the guard, whatever its url, and allows one after', () => {
    const { navigateOnce, NAVIGATION_GUARD_MS } = load();
    expect(navigateOnce('/a')).toBe(true);
    now += 200;
    expect(navigateOnce('/a')).toBe(false);
    now += NAVIGATION_GUARD_MS - 201;
    expect(navigateOnce('/b')).toBe(false);
    now += 1;
    expect(navigateOnce('/b')).toBe(true);
    expect(opened()).toEqual(['/a', '/b']);
  });

  it('lets the next tap try again at once when WeChat could not open the page', () => {
    const { navigateOnce } = load();
    navigateOnce('/a');
    (navigateTo.mock.calls[0][0] as NavigateOptions).fail?.({ errMsg: 'navigateTo:fail' });
    now += 100;
    expect(navigateOnce('/a')).toBe(true);
    expect(opened()).toEqual(['/a', '/a']);
  });
});
