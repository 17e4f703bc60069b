/**
 * Rural-planning words grouped into concepts: two suggestions that name one concept in different
 * words (硬化 / 铺水泥 / 打水泥) are talking about the same thing. Data only; the rules that use it
 * are in analyse.ts and compare.ts. After editing terms run `npm run build:homophones`, which
 * regenerates the input-method typo table (homophones.ts) for the terms' pinyin.
 *
 * Kinds decide how a concept counts:
 * - object: what is asked for (a facility, a service, a rule's subject). Two texts that each name
 *   an object the other does not are different requests (篮球场 / 停车场 on the same 空地).
 * - place: where, inside the village. Two texts that both say where, and name no place in common,
 *   are about different spots (村口 / 河边).
 * - build: building or repairing in general (修, 建, 装); work: a particular kind of works (硬化,
 *   拓宽) — two texts naming different ones ask for different works (村道硬化 / 村道拓宽).
 * - aspect: what about a thing is asked besides building it (收费, 人员, 管理, 伙食): a text about
 *   one aspect and a text about another, or about building the thing, are different requests
 *   (建停车场 / 停车场收费太贵).
 * - action, issue: what to do, what is wrong; they support a match but never make one alone.
 * - protect, remove: opposite actions; one text that only protects and one that only removes are
 *   different requests even about the same thing (保护古树 / 砍掉古树).
 * - time, people: when, for whom; weak support (雨季 / 汛期, 老人 / 老年人).
 * - common: words every suggestion may use (建个, 改造, 村里); they count almost nothing.
 * A term may name two concepts (水泥路 is a road and its hardening).
 */
export type ConceptKind = 'object' | 'place' | 'build' | 'work' | 'aspect' | 'action' | 'issue' | 'protect' | 'remove' | 'time' | 'people' | 'common';

export interface Concept {
  /** What the reply shows after 「都提到：」. */
  readonly label: string;
  readonly kind: ConceptKind;
  readonly terms: readonly string[];
}

export const CONCEPTS: readonly Concept[] = [
  // roads and transport
  { label: '道路', kind: 'object', terms: ['道路', '村道', '路', '马路', '公路', '路面', '通村路', '进村路', '入户路', '巷道', '村内道路', '串户路', '便道', '土路', '泥巴路', '路基', '联户路', '路况', '修路', '铺路', '出村路', '组组通', '产业路', '机耕路', '生产路', '田间道路', '田间路', '通组路', '通户路', '山路', '小路', '路段', '石子路', '毛路', '村组道路'] },
  { label: '道路硬化', kind: 'work', terms: ['硬化', '铺水泥', '水泥路', '打水泥', '浇水泥', '打成水泥', '铺成水泥', '水泥地', '铺柏油', '柏油路', '沥青', '铺沥青', '硬底化', '打混凝土', '混凝土路', '铺石板', '弹石路', '铺砖'] },
  { label: '拓宽', kind: 'work', terms: ['拓宽', '加宽', '扩宽', '太窄', '窄了', '路窄', '会车', '错车道'] },
  { label: '路灯', kind: 'object', terms: ['路灯', '照明', '太阳能灯', '太阳能路灯', '灯', '电灯', '亮化', '照明灯', '夜灯', '灯杆', '路灯杆', '亮灯'] },
  { label: '桥', kind: 'object', terms: ['桥', '桥梁', '便桥', '小桥', '吊桥', '过河桥', '漫水桥'] },
  { label: '停车场', kind: 'object', terms: ['停车场', '停车位', '停车', '车位', '停车点'] },
  { label: '公交', kind: 'object', terms: ['公交', '班车', '客车', '公交车', '公交站', '招呼站', '候车亭', '农村客运'] },
  { label: '护栏', kind: 'object', terms: ['护栏', '防护栏', '栏杆', '波形护栏', '防撞墩'] },
  { label: '减速带', kind: 'object', terms: ['减速带', '减速坎', '限速'] },
  { label: '交通标志', kind: 'object', terms: ['标志牌', '指示牌', '路牌', '警示牌', '交通标志', '标识牌', '指路牌'] },
  // water
  { label: '自来水', kind: 'object', terms: ['自来水', '饮水', '吃水', '水管', '供水', '饮用水', '管网', '水龙头', '用水', '人饮', '安全饮水', '自来水管', '供水管', '水压', '吃的水', '喝的水', '喝水', '水表', '引水', '水源', '水厂', '饮水管道', '供水管道', '水管子', '自来水厂', '净水'] },
  { label: '停水', kind: 'issue', terms: ['停水', '断水', '没水', '没有水', '缺水', '水小', '来水', '经常断', '老是断', '总是断', '常常断', '断了', '不出水', '断流', '水不够'] },
  { label: '水池', kind: 'object', terms: ['水池', '蓄水池', '水窖', '水柜', '水塔', '高位水池', '水罐'] },
  { label: '灌溉', kind: 'object', terms: ['灌溉', '沟渠', '水渠', '渠道', '三面光', '农田水利', '浇地', '浇灌', '灌溉渠', '引水渠', '大沟'] },
  { label: '排水沟', kind: 'object', terms: ['排水沟', '水沟', '沟', '沟沟', '排水', '排洪沟', '排洪', '边沟', '雨水沟', '下水道', '阴沟'] },
  { label: '污水', kind: 'object', terms: ['污水', '生活污水', '污水处理', '化粪池', '废水', '脏水', '臭水'] },
  { label: '河堤', kind: 'object', terms: ['河堤', '堤防', '河坝', '堤坝', '防洪堤', '拦河坝', '护岸', '河岸', '堤', '挡墙', '防洪墙'] },
  { label: '河道', kind: 'object', terms: ['河道', '河沟', '河', '小河', '河床', '箐沟'] },
  { label: '水库', kind: 'object', terms: ['水库', '坝塘', '小坝塘', '塘坝', '池塘', '鱼塘', '水塘', '坝子塘'] },
  { label: '龙潭', kind: 'object', terms: ['龙潭', '泉眼', '水井', '老井', '古井', '井'] },
  // power and communication
  { label: '用电', kind: 'object', terms: ['电网', '用电', '电压', '停电', '电线', '变压器', '电线杆', '线路', '供电', '电压低', '跳闸', '电力'] },
  { label: '网络信号', kind: 'object', terms: ['网络', '信号', '宽带', '手机信号', '光纤', '基站', '5g', '4g', 'wifi', '上网', '网速'] },
  { label: '监控', kind: 'object', terms: ['监控', '摄像头', '天网', '雪亮工程', '探头'] },
  { label: '广播', kind: 'object', terms: ['广播', '大喇叭', '喇叭', '应急广播'] },
  // sanitation
  { label: '公厕', kind: 'object', terms: ['公厕', '公共厕所', '厕所', '茅房', '茅厕', '旱厕', '卫生间', '如厕', '户厕', '改厕'] },
  { label: '垃圾', kind: 'object', terms: ['垃圾', '垃圾桶', '垃圾池', '垃圾箱', '垃圾房', '垃圾站', '垃圾清运', '乱扔', '乱丢', '乱倒', '垃圾分类', '收垃圾', '拉垃圾', '焚烧'] },
  { label: '保洁', kind: 'object', terms: ['保洁', '保洁员', '清扫', '打扫', '卫生', '环境卫生', '人居环境', '脏乱差', '三清', '清洁'] },
  { label: '畜禽粪污', kind: 'object', terms: ['粪污', '粪便', '猪圈', '牛圈', '畜圈', '人畜混居', '养殖污染', '粪堆', '牛粪', '猪粪', '鸡粪', '臭味'] },
  // public buildings and spaces
  { label: '活动场所', kind: 'object', terms: ['活动室', '活动中心', '活动场所', '文化室', '文化活动室', '村民活动室', '老年活动室', '老年活动中心', '文化活动中心', '议事厅', '会议室', '文化礼堂'] },
  { label: '广场', kind: 'object', terms: ['广场', '文化广场', '小广场', '健身广场', '跳舞', '广场舞', '休闲广场'] },
  { label: '篮球场', kind: 'object', terms: ['篮球场', '球场', '篮球架', '打篮球', '篮球', '运动场', '灯光球场'] },
  { label: '健身器材', kind: 'object', terms: ['健身器材', '健身', '体育器材', '运动器材', '健身路径', '单杠'] },
  { label: '公园', kind: 'object', terms: ['公园', '小公园', '游园', '小游园', '花园', '凉亭', '长廊', '休闲步道', '步道', '绿道'] },
  { label: '卫生室', kind: 'object', terms: ['卫生室', '医务室', '诊所', '村医', '看病', '卫生所', '卫生院', '医生', '就医', '看病难', '药品', '拿药', '医疗点'] },
  { label: '敬老院', kind: 'object', terms: ['敬老院', '养老院', '养老', '老年食堂', '幸福院', '日间照料', '照料中心', '长者食堂', '助餐', '养老服务', '托老'] },
  { label: '学校', kind: 'object', terms: ['学校', '小学', '村小', '完小', '中学', '校舍', '上学', '教学点', '读书'] },
  { label: '幼儿园', kind: 'object', terms: ['幼儿园', '托儿所', '学前班', '托育', '托管'] },
  { label: '图书室', kind: 'object', terms: ['图书室', '农家书屋', '书屋', '图书', '阅览室', '图书角'] },
  { label: '村委会', kind: 'object', terms: ['村委会', '村委', '村部', '村办公室', '便民服务站', '便民服务中心', '党群服务中心', '村活动场所'] },
  { label: '公房', kind: 'object', terms: ['公房', '闲置', '闲置房', '旧校舍', '老房子', '老屋', '空房', '闲置用房'] },
  { label: '烤烟房', kind: 'object', terms: ['烤烟房', '烤房', '烤烟', '烟叶', '烟草', '烤烟棚'] },
  { label: '冷库', kind: 'object', terms: ['冷库', '冷链', '保鲜库', '冷藏', '仓储', '仓库', '晒场', '烘干', '烘干房'] },
  { label: '集市', kind: 'object', terms: ['集市', '农贸市场', '菜市场', '市场', '街天', '赶集', '赶街', '摊位', '集贸市场'] },
  { label: '快递', kind: 'object', terms: ['快递', '物流', '快递点', '取快递', '驿站', '寄快递', '邮政'] },
  { label: '小卖部', kind: 'object', terms: ['小卖部', '超市', '商店', '小商店'] },
  { label: '公墓', kind: 'object', terms: ['公墓', '墓地', '坟地', '坟', '公益性公墓', '殡葬', '墓'] },
  { label: '消防', kind: 'object', terms: ['消防', '消防栓', '灭火器', '火灾', '消防通道', '防火', '森林防火', '失火', '着火'] },
  { label: '围墙', kind: 'object', terms: ['围墙', '墙', '院墙', '挡土墙', '墙体', '墙面'] },
  { label: '大门', kind: 'object', terms: ['大门', '校门', '村门', '寨门', '牌坊'] },
  // housing and planning
  { label: '危房', kind: 'object', terms: ['危房', '危房改造', '土坯房', '倒塌', '漏雨', '房子裂', '裂缝', '老化'] },
  { label: '宅基地', kind: 'object', terms: ['宅基地', '建房', '盖房', '建房审批', '批地', '盖房子', '建新房', '乱搭乱建', '违建', '违章建筑', '私搭乱建'] },
  { label: '村庄风貌', kind: 'object', terms: ['风貌', '村庄风貌', '外立面', '刷白', '墙绘', '彩绘', '立面改造', '民居风貌', '白墙', '青瓦', '乡土风貌'] },
  { label: '村庄规划', kind: 'object', terms: ['规划', '村庄规划', '规划图', '布局', '用地规划', '功能分区', '多规合一'] },
  // farming and business
  { label: '民宿', kind: 'object', terms: ['民宿', '农家乐', '客栈', '住宿', '接待游客', '农家客栈'] },
  { label: '乡村旅游', kind: 'object', terms: ['旅游', '游客', '景区', '景点', '观光', '乡村旅游', '研学', '康养', '露营', '打卡', '旅游路线'] },
  { label: '温泉', kind: 'object', terms: ['温泉', '热水塘', '泡温泉', '温泉水'] },
  { label: '合作社', kind: 'object', terms: ['合作社', '专业合作社', '集体经济', '村集体', '入股', '分红', '抱团'] },
  { label: '电商', kind: 'object', terms: ['电商', '直播', '带货', '网上卖', '网店', '线上销售', '电子商务', '网上销售'] },
  { label: '农产品销售', kind: 'object', terms: ['销路', '卖不出去', '销售', '滞销', '收购', '订单', '卖难', '卖价', '价格低', '卖不掉'] },
  { label: '茶叶', kind: 'object', terms: ['茶叶', '茶园', '茶', '茶厂', '古茶树', '制茶', '茶山'] },
  { label: '果园', kind: 'object', terms: ['果园', '果树', '水果', '柑橘', '柑桔', '芒果', '果子', '枇杷', '李子', '桃子', '核桃', '杨梅', '石榴'] },
  { label: '蔬菜', kind: 'object', terms: ['蔬菜', '种菜', '菜地', '大棚', '蔬菜基地', '高原特色蔬菜'] },
  { label: '花卉', kind: 'object', terms: ['花卉', '鲜花', '种花', '花海', '赏花'] },
  { label: '养殖', kind: 'object', terms: ['养殖', '养猪', '养牛', '养鸡', '养羊', '养鱼', '养蜂', '生猪', '肉牛', '山羊', '土鸡', '养殖场', '养殖小区'] },
  { label: '农产品加工', kind: 'object', terms: ['加工', '加工厂', '粗加工', '深加工', '初加工', '作坊'] },
  { label: '土地流转', kind: 'object', terms: ['土地流转', '流转', '撂荒', '荒地', '土地', '耕地', '承包地', '地块'] },
  { label: '农机', kind: 'object', terms: ['农机', '机耕', '农业机械', '拖拉机', '旋耕机', '微耕机', '无人机'] },
  { label: '就业培训', kind: 'object', terms: ['就业', '务工', '培训', '技能培训', '招工', '打工', '劳务', '找工作', '工作岗位', '技能'] },
  { label: '品牌', kind: 'object', terms: ['品牌', '商标', '地理标志', '包装', '特产', '土特产'] },
  // ecology
  { label: '绿化', kind: 'object', terms: ['绿化', '种树', '植树', '栽树', '造林', '绿化带', '行道树', '种花种草', '美化'] },
  { label: '古树', kind: 'object', terms: ['古树', '大树', '老树', '古树名木', '风水树', '神树', '树'] },
  { label: '山林', kind: 'object', terms: ['山林', '森林', '林地', '公益林', '林木', '砍伐', '乱砍', '偷砍'] },
  { label: '滑坡', kind: 'object', terms: ['滑坡', '塌方', '泥石流', '地质灾害', '山体', '落石', '垮塌', '塌了', '隐患点'] },
  { label: '水土污染', kind: 'object', terms: ['污染', '农药瓶', '农膜', '地膜', '白色污染', '农药包装'] },
  // culture and heritage
  { label: '古建筑', kind: 'object', terms: ['古建筑', '老房子保护', '传统村落', '古民居', '祠堂', '宗祠', '古庙', '庙', '寺', '文物', '古村落', '土掌房', '一颗印', '老街', '古道', '石板路'] },
  { label: '村史馆', kind: 'object', terms: ['村史馆', '村史', '乡愁馆', '展览室', '陈列馆', '村志', '家谱'] },
  { label: '民族文化', kind: 'object', terms: ['民族文化', '民俗文化', '非遗', '彝族', '哈尼族', '花腰傣', '火把节', '花灯', '传统文化', '民族服饰', '刺绣', '传承', '文艺队', '文艺'] },
  // governance and village rules
  { label: '赌博', kind: 'object', terms: ['赌博', '打牌赌钱', '赌钱', '聚赌', '赌'] },
  { label: '酒席', kind: 'object', terms: ['酒席', '滥办酒席', '大操大办', '办酒', '请客', '人情', '随礼', '份子钱', '红白喜事', '婚丧', '彩礼', '天价彩礼', '礼金'] },
  { label: '红白理事会', kind: 'object', terms: ['红白理事会', '移风易俗', '理事会'] },
  { label: '村务公开', kind: 'object', terms: ['村务公开', '公开栏', '公示', '公示栏', '透明', '村务'] },
  { label: '治安', kind: 'object', terms: ['治安', '偷盗', '被偷', '小偷', '巡逻', '打架', '安全隐患', '防盗'] },
  { label: '矛盾调解', kind: 'object', terms: ['调解', '矛盾', '纠纷', '邻里', '吵架', '调解室'] },
  { label: '村规民约', kind: 'object', terms: ['村规民约', '村规', '民约', '红黑榜', '积分制', '爱心超市'] },
  { label: '党建', kind: 'object', terms: ['党建', '党员', '支部', '党支部', '党小组', '三会一课', '主题党日'] },
  { label: '牲畜散放', kind: 'object', terms: ['牲畜', '散放', '乱放', '放养', '散养', '到处跑', '满街跑', '牛羊', '放牛', '放羊'] },
  { label: '犬只', kind: 'object', terms: ['狗', '犬', '拴狗', '狗咬', '咬人', '流浪狗'] },
  { label: '乱停乱放', kind: 'object', terms: ['乱停', '乱停乱放', '乱堆', '乱堆乱放', '占道', '堆放', '柴堆', '杂物'] },
  { label: '医保', kind: 'object', terms: ['医保', '医疗保险', '新农合', '社保', '养老保险', '低保'] },
  { label: '留守儿童', kind: 'object', terms: ['留守儿童', '留守', '孩子没人管', '儿童之家', '四点半课堂', '课后'] },
  { label: '充电桩', kind: 'object', terms: ['充电桩', '充电站', '充电', '电动车充电'] },
  { label: '农技服务', kind: 'object', terms: ['农技', '农技员', '技术指导', '种植技术', '养殖技术', '农资', '化肥', '种子', '病虫害', '兽医', '防疫', '疫苗'] },
  { label: '沼气', kind: 'object', terms: ['沼气', '沼气池', '太阳能热水器', '热水器', '秸秆'] },
  { label: '无障碍设施', kind: 'object', terms: ['坡道', '无障碍', '扶手', '无障碍通道'] },
  { label: '食堂', kind: 'object', terms: ['食堂', '伙房', '厨房', '餐厅'] },
  { label: '操场', kind: 'object', terms: ['操场', '运动场地', '跑道'] },
  // aspects of a thing other than building it
  { label: '收费', kind: 'aspect', terms: ['收费', '费用', '太贵', '价格', '水费', '电费', '收钱', '乱收费', '定价', '价钱', '涨价', '交钱', '清运费', '物业费'] },
  { label: '人员', kind: 'aspect', terms: ['人员', '缺老师', '老师', '教师', '缺人', '护理人员', '护工', '常驻', '管理员', '缺医生', '请个医生', '驻村医生', '工作人员', '保安'] },
  { label: '管理', kind: 'aspect', terms: ['管理', '统一管理', '没人打扫', '开门', '开放时间', '制度', '看管', '锁着', '管理办法'] },
  { label: '质量', kind: 'aspect', terms: ['伙食', '水质', '浑浊', '质量', '泥沙', '饭菜', '不干净', '有异味'] },
  { label: '活动', kind: 'aspect', terms: ['比赛', '举办', '组织活动', '文艺演出', '运动会', '联赛'] },
  { label: '账目', kind: 'aspect', terms: ['账目', '账', '财务', '收支', '财务公开', '账本'] },
  // places inside a village (not hamlets or groups: those are read by pattern in analyse.ts)
  { label: '村口', kind: 'place', terms: ['村口', '进村口', '寨子口', '寨门口', '村头', '村子口', '入口'] },
  { label: '河边', kind: 'place', terms: ['河边', '河旁', '沿河', '河两边', '河对面', '沿岸'] },
  { label: '山上', kind: 'place', terms: ['山上', '半山', '山顶', '后山', '山脚', '坡上'] },
  { label: '田边', kind: 'place', terms: ['田边', '田里', '田间', '地里', '田坝', '坝子', '田头'] },
  { label: '村中心', kind: 'place', terms: ['村中心', '村子中间', '寨子中间', '村中间', '中心地带'] },
  { label: '空地', kind: 'place', terms: ['空地', '闲置地', '空场地', '荒坡', '空闲地', '边角地'] },
  { label: '门口', kind: 'place', terms: ['门口', '大门口', '校门口'] },
  { label: '家门口', kind: 'place', terms: ['家门口', '房前屋后', '屋后', '房后', '家旁边', '院子'] },
  // actions and states
  { label: '修', kind: 'build', terms: ['修', '维修', '修理', '修好', '修一下', '修复', '修缮', '检修', '补', '修补', '翻修', '大修'] },
  { label: '新建', kind: 'build', terms: ['新建', '建', '扩建', '成立', '划', '增建', '修建', '建设', '建一个', '建个', '盖', '搞一个', '弄一个', '整一个', '设置', '开通', '开设'] },
  { label: '安装', kind: 'build', terms: ['安装', '装', '配备', '配置', '加装', '增设', '增加', '添', '多放'] },
  { label: '更换', kind: 'build', terms: ['更换', '换', '换新', '换掉'] },
  { label: '清理', kind: 'action', terms: ['清理', '清运', '清除', '拉走', '清掉', '清一下', '疏通', '掏', '清淤', '疏浚', '挖淤泥'] },
  { label: '坏了', kind: 'issue', terms: ['坏了', '坏', '损坏', '烂', '烂了', '不亮', '不能用', '用不了', '失修', '破损', '坑坑洼洼', '坑洼', '坑', '破', '老旧', '年久失修', '塌', '漏', '爆', '爆管', '裂', '堵', '堵死', '堵塞', '堵了', '满了', '溢出来', '淤满', '淤积', '淤塞', '淤泥', '淤'] },
  { label: '泥泞', kind: 'issue', terms: ['泥泞', '稀泥', '烂泥', '稀烂', '一身泥', '滑', '难走', '不好走', '走不了', '积水', '淹', '被淹', '冲毁', '冲垮', '冲坏'] },
  { label: '黑', kind: 'issue', terms: ['黑', '太黑', '黑灯瞎火', '看不见', '摸黑', '晚上出门'] },
  { label: '臭', kind: 'issue', terms: ['臭', '异味', '苍蝇', '蚊子'] },
  { label: '不安全', kind: 'issue', terms: ['危险', '不安全', '安全', '事故', '摔', '掉下去', '翻车', '车祸'] },
  { label: '保护', kind: 'protect', terms: ['保护', '保留', '保住', '留下', '别砍', '不要砍', '不要拆', '别拆', '不能拆', '不能砍', '不要填', '别填', '不能填', '挂牌保护', '原样', '留着'] },
  { label: '拆除', kind: 'remove', terms: ['拆', '拆掉', '拆除', '推掉', '推平', '填', '填掉', '填平', '砍', '砍掉', '伐掉', '移走', '挖掉'] },
  { label: '禁止', kind: 'action', terms: ['禁止', '不准', '不许', '严禁', '杜绝', '管住', '管一管', '管管', '约束', '整治', '遏制', '治理', '规范'] },
  { label: '发展', kind: 'action', terms: ['发展', '搞', '做大', '扩大', '打造', '带动', '引进'] },
  { label: '补贴', kind: 'action', terms: ['补贴', '补助', '资金', '扶持', '贷款', '奖补', '资助', '出钱'] },
  // when and for whom
  { label: '雨季', kind: 'time', terms: ['雨季', '汛期', '下雨', '雨天', '下大雨', '暴雨', '大雨', '雨水多', '涨水', '发大水', '洪水', '防汛'] },
  { label: '晚上', kind: 'time', terms: ['晚上', '夜间', '夜里', '天黑', '夜晚', '半夜'] },
  { label: '冬天', kind: 'time', terms: ['冬天', '冬季', '干季', '旱季', '干旱', '天旱'] },
  { label: '老人', kind: 'people', terms: ['老人', '老年人', '老人家', '老同志', '老人们', '独居老人', '空巢老人'] },
  { label: '孩子', kind: 'people', terms: ['孩子', '小孩', '学生', '娃娃', '儿童', '小娃', '小朋友', '娃'] },
  { label: '村民', kind: 'common', terms: ['村民', '群众', '老百姓', '大家', '农户', '村里人', '乡亲', '我们', '百姓', '村里', '本村', '全村', '村子', '寨子', '村上'] },
  { label: '建议', kind: 'common', terms: ['建议', '希望', '请求', '需要', '应该', '可以', '尽快', '一下', '能够', '进行', '加强', '改造', '提升', '完善', '解决', '问题', '方便', '一些', '一点', '有关部门', '上级', '考虑', '帮忙', '想办法', '落实', '好', '多', '经常', '现在', '目前', '一直', '还是', '太', '很', '非常', '特别', '实在', '设施', '沟通', '思路', '出路', '路子', '门路', '树立', '花钱', '开会', '安排', '配套', '开始'] },
];
