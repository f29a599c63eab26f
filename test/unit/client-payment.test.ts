// services/payment: the subscribe request inside the tap, and one pay function for both modes —
// wx.requestPayment in cloud mode, the local cloud's sandbox behind a "模拟支付" sheet locally.
const mockConfig = {
  appid: 'wx1',
  envId: 'env',
  mode: 'local',
  localCloudUrl: 'http://127.0.0.1:3900',
  subscribeTemplates: { orderPaid: '', orderStatus: '', orderReady: '', orderRefunded: '' },
};
jest.mock('../../miniprogram/config', () => ({ config: mockConfig }));
const mockStartPayment = jest.fn();
jest.mock('../../miniprogram/services/orders', () => ({ startPayment: mockStartPayment }));
const mockCallApi = jest.fn().mockResolvedValue({ recorded: 1, linked: false });
jest.mock('../../miniprogram/services/api', () => ({
  callApi: mockCallApi,
  errorMessage: (err: Error) => err.message,
}));

// Loaded without a static import: the root tsconfig type-checks tests without the mini program's
// `wx` typings, which services/payment.ts needs; its own project (miniprogram/) checks it.
type PayResult = { outcome: 'paid' | 'cancelled' | 'failed'; message: string };
const { askForOrderMessages, payOrder } = jest.requireActual<{
  askForOrderMessages(tmplIds?: readonly string[]): Promise<void>;
  payOrder(order: { _id: string; orderNo: string }): Promise<PayResult>;
}>('../../miniprogram/services/payment');

type Options = Record<string, (res: unknown) => void> & Record<string, unknown>;
const wx = {
  requestSubscribeMessage: jest.fn((o: Options) => o.complete({})),
  requestPayment: jest.fn((o: Options) => o.success({})),
  showActionSheet: jest.fn((o: Options) => o.success({ tapIndex: 0 })),
  request: jest.fn((o: Options) => o.success({ statusCode: 200, data: {} })),
};
(globalThis as unknown as { wx: typeof wx }).wx = wx;

const PAYMENT = {
  timeStamp: '1',
  nonceStr: 'n',
  package: 'prepay_id=wx1',
  signType: 'MD5',
  paySign: 's',
};
const ORDER = { _id: 'o1', orderNo: 'SF20261123A001' };

beforeEach(() => {
  jest.clearAllMocks();
  mockStartPayment.mockResolvedValue({ orderId: 'o1', totalFen: 1800, payment: PAYMENT });
});

describe('askForOrderMessages', () => {
  it('asks synchronously for at most three templates', async () => {
    const asked = askForOrderMessages(['t1', 't2', '', 't3', 't4']);
    expect(wx.requestSubscribeMessage).toHaveBeenCalledTimes(1); // before any await
    expect(wx.requestSubscribeMessage.mock.calls[0][0].tmplIds).toEqual(['t1', 't2', 't3']);
    await expect(asked).resolves.toBeUndefined();
  });

  it('reports the accepted templates to the server', async () => {
    wx.requestSubscribeMessage.mockImplementationOnce((o: Options) => {
      o.success({ t1: 'accept', t2: 'reject', errMsg: 'requestSubscribeMessage:ok' });
      o.complete({});
    });
    await askForOrderMessages(['t1', 't2']);
    expect(mockCallApi).toHaveBeenCalledWith('subscribe.record', { templateIds: ['t1'] });
  });

  it('does not ask without template ids, but still tells the server (the follower link)', async () => {
    await askForOrderMessages([]);
    expect(wx.requestSubscribeMessage).not.toHaveBeenCalled();
    expect(mockCallApi).toHaveBeenCalledWith('subscribe.record', { templateIds: [] });
  });

  it('tells the server when every template was declined', async () => {
    wx.requestSubscribeMessage.mockImplementationOnce((o: Options) => {
      o.success({ t1: 'reject', errMsg: 'requestSubscribeMessage:ok' });
      o.complete({});
    });
    await askForOrderMessages(['t1']);
    expect(mockCallApi).toHaveBeenCalledWith('subscribe.record', { templateIds: [] });
  });

  it('goes on when the customer refuses', async () => {
    wx.requestSubscribeMessage.mockImplementationOnce((o: Options) => {
      o.complete({ errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP' });
    });
    await expect(askForOrderMessages(['t1'])).resolves.toBeUndefined();
  });
});

describe('payOrder in local mode', () => {
  beforeAll(() => (mockConfig.mode = 'local'));

  it('shows the sandbox sheet and tells the sandbox to succeed', async () => {
    await expect(payOrder(ORDER)).resolves.toEqual({ outcome: 'paid', message: '' });
    expect(mockStartPayment).toHaveBeenCalledWith('o1');
    expect(wx.requestPayment).not.toHaveBeenCalled();
    expect(wx.showActionSheet.mock.calls[0][0]).toMatchObject({
      alertText: '模拟支付 ¥18.00（本地云沙箱）',
      itemList: ['模拟支付成功', '模拟支付失败'],
    });
    expect(wx.request.mock.calls[0][0]).toMatchObject({
      url: 'http://127.0.0.1:3900/pay/SF20261123A001/succeed',
      method: 'POST',
    });
  });

  it('the sheet’s second choice fails the payment; closing it cancels', async () => {
    wx.showActionSheet.mockImplementationOnce((o: Options) => o.success({ tapIndex: 1 }));
    await expect(payOrder(ORDER)).resolves.toMatchObject({ outcome: 'failed' });
    expect(wx.request.mock.calls[0][0].url).toMatch(/\/fail$/);
    wx.showActionSheet.mockImplementationOnce((o: Options) => o.fail({ errMsg: 'cancel' }));
    await expect(payOrder(ORDER)).resolves.toMatchObject({ outcome: 'cancelled' });
  });
});

describe('payOrder in cloud mode', () => {
  beforeAll(() => (mockConfig.mode = 'cloud'));

  it('passes the server’s parameters to wx.requestPayment', async () => {
    await expect(payOrder(ORDER)).resolves.toEqual({ outcome: 'paid', message: '' });
    expect(wx.requestPayment.mock.calls[0][0]).toMatchObject(PAYMENT);
    expect(wx.showActionSheet).not.toHaveBeenCalled();
  });

  it('tells a cancelled sheet from a failure, and reports a refused start', async () => {
    wx.requestPayment.mockImplementationOnce((o: Options) =>
      o.fail({ errMsg: 'requestPayment:fail cancel' }),
    );
    await expect(payOrder(ORDER)).resolves.toMatchObject({ outcome: 'cancelled' });
    wx.requestPayment.mockImplementationOnce((o: Options) =>
      o.fail({ errMsg: 'requestPayment:fail system error' }),
    );
    await expect(payOrder(ORDER)).resolves.toMatchObject({ outcome: 'failed' });
    mockStartPayment.mockRejectedValueOnce(new Error('订单已过期'));
    await expect(payOrder(ORDER)).resolves.toEqual({ outcome: 'failed', message: '订单已过期' });
  });
});
