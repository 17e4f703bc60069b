/**
 * Category tags of suggestions (and problems), guessed from keywords when a record is saved and
 * corrected by the reviewer. The categories are the ones the planning groups report under.
 */
export const CATEGORIES = ['产业', '规划建设', '基础设施', '文化旅游', '教育医疗', '生态环境', '治理党建', '其他'] as const;
export type Category = (typeof CATEGORIES)[number];

// Whole words only: single characters such as 路 or 水 would tag half of all suggestions.
const KEYWORDS: Record<Exclude<Category, '其他'>, readonly string[]> = {
  产业: ['产业', '种植', '养殖', '合作社', '电商', '销售', '农产品', '加工', '就业', '增收', '烤烟', '蔬菜', '水果', '茶叶', '花卉', '招商', '集体经济', '品牌', '特色农业', '订单', '致富'],
  规划建设: ['规划', '建房', '宅基地', '风貌', '民居', '农房', '危房', '改造', '拆除', '用地', '布局', '广场', '村庄建设', '选址', '活动场所'],
  基础设施: ['道路', '路灯', '硬化', '修路', '路面', '公路', '水利', '饮水', '自来水', '供水', '排水', '水渠', '沟渠', '管网', '电网', '通信', '网络', '桥', '停车', '灌溉', '水窖'],
  文化旅游: ['文化', '旅游', '民宿', '景区', '古村', '非遗', '文物', '节庆', '乡愁', '游客', '康养', '民族', '传统', '村史', '农家乐'],
  教育医疗: ['学校', '教育', '幼儿园', '教师', '学生', '医疗', '卫生室', '卫生院', '医生', '养老', '健康', '医保', '老人', '留守儿童'],
  生态环境: ['生态', '环境', '垃圾', '绿化', '污染', '河道', '湖', '植树', '厕所', '人居', '清洁', '污水', '保洁', '森林', '防火'],
  治理党建: ['党建', '党员', '支部', '治理', '村规', '民约', '自治', '议事', '矛盾', '调解', '治安', '村务', '公开', '志愿', '红白理事', '移风易俗'],
};

export const MAX_TAGS = 3;

/** Categories whose keywords the text contains, most hits first; 其他 when none. */
export function autoTags(text: string): Category[] {
  const hits: { c: Category; n: number; i: number }[] = [];
  CATEGORIES.forEach((c, i) => {
    if (c === '其他') return;
    const n = KEYWORDS[c].filter((k) => text.includes(k)).length;
    if (n > 0) hits.push({ c, n, i });
  });
  if (hits.length === 0) return ['其他'];
  return hits
    .sort((a, b) => b.n - a.n || a.i - b.i)
    .slice(0, MAX_TAGS)
    .map((h) => h.c);
}

/** Parse tags a reviewer typed ("产业 文化旅游", "产业、文化旅游"); unknown words are returned apart. */
export function parseTags(words: string): { tags: Category[]; unknown: string[] } {
  const tags: Category[] = [];
  const unknown: string[] = [];
  for (const w of words.split(/[\s,，、;；/]+/u).filter(Boolean)) {
    const c = CATEGORIES.find((x) => x === w);
    if (!c) unknown.push(w);
    else if (!tags.includes(c)) tags.push(c);
  }
  return { tags, unknown };
}

/** Stored in records.category as one comma-separated string in the order given. */
export function formatTags(tags: readonly string[]): string {
  return tags.join(',');
}

export function readTags(category: string | null | undefined): string[] {
  return category ? category.split(',').filter(Boolean) : [];
}
