// Subpackage root for the staff console (issue 6).
const TEXT = { title: '订单看板' };

Component({ data: { text: TEXT } });
