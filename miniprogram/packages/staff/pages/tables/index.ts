// Tables and their codes: list, add, and each table's mini program code (wxacode.getUnlimited
// with the table's scene) to preview and save for printing.
import { errorMessage } from '../../../../services/api';
import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { parseStaffQuery, type PageQuery } from '../../../../domain/routes';
import { addTable, tableQrCode } from '../../services/staff';
import { tablesData } from '../../stores/console';
import { consoleFields } from '../../stores/store-data';

const TEXT = {
  add: '添加桌号',
  addTitle: '新桌号（字母、数字）',
  code: '桌码',
  save: '保存到相册',
  saved: '已保存到相册',
  saveFailed: '保存失败，请重试',
  albumDenied: '需要相册权限才能保存桌码，去设置里打开？',
  seats: (n: number) => `${n} 座`,
};

/**
 * A refused album permission is only fixed in the settings (WeChat will not ask twice), so offer
 * them; closing the save sheet is no failure; anything else gets a plain retry message.
 */
function saveFailed(errMsg: string): void {
  if (/cancel/.test(errMsg)) return;
  if (/auth|authorize|permission/i.test(errMsg)) {
    wx.showModal({
      content: TEXT.albumDenied,
      success: (res) => {
        if (res.confirm) wx.openSetting({});
      },
    });
    return;
  }
  wx.showToast({ title: TEXT.saveFailed, icon: 'none' });
}

ComponentWithStore({
  data: { text: TEXT, preview: { tableNo: '', image: '' } },
  storeBindings: {
    store: tablesData,
    structuralComparison: true,
    fields: {
      ...consoleFields(tablesData),
      tables: () =>
        (tablesData.value ?? []).map((t) => ({
          tableNo: t.tableNo,
          name: t.name,
          seats: TEXT.seats(t.seats),
        })),
    },
    actions: {},
  },
  methods: {
    onLoad(query: PageQuery) {
      void tablesData.open(parseStaffQuery(query).storeId);
    },
    async onAdd() {
      const { confirm, content } = await wx.showModal({ title: TEXT.addTitle, editable: true });
      if (!confirm || !content?.trim()) return;
      const refusal = await tablesData.change((storeId) =>
        addTable(storeId, content.trim()).then(() => undefined),
      );
      if (refusal) wx.showToast({ title: refusal, icon: 'none' });
    },
    async onCode(event: WechatMiniprogram.TouchEvent<object, object, { tableNo: string }>) {
      const tableNo = event.currentTarget.dataset.tableNo;
      try {
        const code = await tableQrCode(tablesData.storeId, tableNo);
        this.setData({ preview: { tableNo, image: code.image } });
      } catch (err) {
        wx.showToast({ title: errorMessage(err), icon: 'none' });
      }
    },
    /** The code arrives as a data URL; the album needs a file, so write one first. */
    onSave() {
      const { tableNo, image } = this.data.preview;
      const filePath = `${wx.env.USER_DATA_PATH}/table-${tableNo}.png`;
      wx.getFileSystemManager().writeFile({
        filePath,
        data: image.replace(/^data:image\/\w+;base64,/, ''),
        encoding: 'base64',
        success: () =>
          wx.saveImageToPhotosAlbum({
            filePath,
            success: () => wx.showToast({ title: TEXT.saved, icon: 'success' }),
            fail: (err) => saveFailed(err.errMsg),
          }),
        fail: (err) => saveFailed(err.errMsg),
      });
    },
  },
});
