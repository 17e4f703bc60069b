/** Text of the local console that people read. */
export const localMsg = {
  /** How replies name the platform (「绑定账号」). */
  platformLabel: '本地调试台',
  tooLarge: '消息太大了',
  notJson: '请求体不是有效的 JSON',
  noFile: '没有这个文件',
  pressed: (label: string) => `（点击了「${label}」）`,
};
