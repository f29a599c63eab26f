import { followCardShown } from '../../miniprogram/domain/oa';

describe('the OA follow card is offered only where WeChat shows it', () => {
  it.each([1011, 1017, 1025, 1047, 1124])('after a launch from scene %i', (scene) => {
    expect(followCardShown(scene)).toBe(true);
  });

  it.each([1026, 1035, 1043, 1058, 1007, 1001])('not after a launch from scene %i', (scene) => {
    expect(followCardShown(scene)).toBe(false);
  });

  it('on a hot start back from the chat list after a table-code launch', () => {
    expect(followCardShown(1011, 1001)).toBe(true);
    expect(followCardShown(1011, 1026)).toBe(false);
    expect(followCardShown(1026, 1001)).toBe(false);
  });
});
