// The counter's alert for something new to make (an order, a table's round): vibration and a
// sound that plays through iOS silent mode.
const ALERT_SOUND = '/packages/staff/assets/new-order.wav';

let soundsWhenMuted = false;

/** Once: the alert must sound on an iPhone in silent mode too (a global audio setting). */
export function soundThroughMuteSwitch(): void {
  if (soundsWhenMuted) return;
  soundsWhenMuted = true;
  wx.setInnerAudioOption({ obeyMuteSwitch: false });
}

export function ring(): void {
  wx.vibrateLong({});
  // Not every runtime (or test) has audio; the vibration alone still alerts.
  if (typeof wx.createInnerAudioContext !== 'function') return;
  const audio = wx.createInnerAudioContext();
  audio.src = ALERT_SOUND;
  audio.onEnded(() => audio.destroy());
  audio.play();
}
