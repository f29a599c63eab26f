// Subpackage root for checkout, payment and order detail (issue 5).
const TEXT = { title: '确认订单' };

Component({ data: { text: TEXT } });
