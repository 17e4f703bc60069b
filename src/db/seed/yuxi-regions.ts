/**
 * 玉溪市 administrative divisions (city → county → township → village/community), seed data.
 *
 * Pure data, no imports. Order is depth-first: the city, then each county followed by its
 * townships, each township followed by its villages/communities.
 *
 * Codes follow the 国家统计局 统计用区划代码 scheme: county 6 digits, township 9 digits
 * (county + 3), village/community 12 digits (township + 3; communities 0xx, villages 2xx).
 *
 * Provenance / accuracy:
 * - County and township names and 9-digit codes follow the published NBS statistical codes,
 *   with one later change applied: 江川区 大街街道 was split into 星云街道 and 宁海街道; their codes
 *   (530403001 / 530403002) are as listed by secondary sources and not confirmed against NBS.
 * - Unmarked village/community names are real ones (published lists or widely documented places).
 *   Entries marked "名称待核" are plausible but unverified; replace them from the official list.
 * - Village 3-digit suffixes are assigned in order (communities 001…, villages 201…) and match
 *   published codes only for 易门县绿汁镇 and 华宁县华溪镇小寨村; treat the rest as provisional.
 */

export type RegionLevel = 'city' | 'county' | 'township' | 'village';

export interface RegionSeed {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

export const yuxiRegions: readonly RegionSeed[] = [
  // 玉溪市
  { code: '530400', name: '玉溪市', level: 'city', parentCode: null },

  // 红塔区
  { code: '530402', name: '红塔区', level: 'county', parentCode: '530400' },
  { code: '530402001', name: '玉兴街道', level: 'township', parentCode: '530402' },
  { code: '530402001001', name: '东风社区', level: 'village', parentCode: '530402001' }, // 名称待核
  { code: '530402001002', name: '珊瑚社区', level: 'village', parentCode: '530402001' }, // 名称待核
  { code: '530402002', name: '凤凰街道', level: 'township', parentCode: '530402' },
  { code: '530402002001', name: '瓦窑社区', level: 'village', parentCode: '530402002' }, // 名称待核
  { code: '530402002002', name: '太极社区', level: 'village', parentCode: '530402002' }, // 名称待核
  { code: '530402003', name: '玉带街道', level: 'township', parentCode: '530402' },
  { code: '530402003001', name: '团山社区', level: 'village', parentCode: '530402003' }, // 名称待核
  { code: '530402003002', name: '白石社区', level: 'village', parentCode: '530402003' }, // 名称待核
  { code: '530402004', name: '北城街道', level: 'township', parentCode: '530402' },
  { code: '530402004001', name: '刘总旗社区', level: 'village', parentCode: '530402004' }, // 名称待核
  { code: '530402004002', name: '水井社区', level: 'village', parentCode: '530402004' }, // 名称待核
  { code: '530402005', name: '春和街道', level: 'township', parentCode: '530402' },
  { code: '530402005001', name: '黄草坝社区', level: 'village', parentCode: '530402005' }, // 名称待核
  { code: '530402005002', name: '中所社区', level: 'village', parentCode: '530402005' }, // 名称待核
  { code: '530402006', name: '李棋街道', level: 'township', parentCode: '530402' },
  { code: '530402006001', name: '梁王坝社区', level: 'village', parentCode: '530402006' }, // 名称待核
  { code: '530402006002', name: '下坝社区', level: 'village', parentCode: '530402006' }, // 名称待核
  { code: '530402007', name: '大营街街道', level: 'township', parentCode: '530402' },
  { code: '530402007001', name: '大营街社区', level: 'village', parentCode: '530402007' },
  { code: '530402007002', name: '赵桅社区', level: 'village', parentCode: '530402007' }, // 名称待核
  { code: '530402008', name: '研和街道', level: 'township', parentCode: '530402' },
  { code: '530402008001', name: '研和社区', level: 'village', parentCode: '530402008' }, // 名称待核
  { code: '530402008002', name: '小营社区', level: 'village', parentCode: '530402008' }, // 名称待核
  { code: '530402009', name: '高仓街道', level: 'township', parentCode: '530402' },
  { code: '530402009001', name: '高仓社区', level: 'village', parentCode: '530402009' }, // 名称待核
  { code: '530402009002', name: '马桑社区', level: 'village', parentCode: '530402009' }, // 名称待核
  { code: '530402201', name: '小石桥彝族乡', level: 'township', parentCode: '530402' },
  { code: '530402201201', name: '小石桥村', level: 'village', parentCode: '530402201' },
  { code: '530402201202', name: '响水村', level: 'village', parentCode: '530402201' },
  { code: '530402201203', name: '玉苗村', level: 'village', parentCode: '530402201' },
  { code: '530402202', name: '洛河彝族乡', level: 'township', parentCode: '530402' },
  { code: '530402202201', name: '洛河村', level: 'village', parentCode: '530402202' }, // 名称待核
  { code: '530402202202', name: '大帕村', level: 'village', parentCode: '530402202' }, // 名称待核

  // 江川区
  { code: '530403', name: '江川区', level: 'county', parentCode: '530400' },
  { code: '530403001', name: '星云街道', level: 'township', parentCode: '530403' },
  { code: '530403001001', name: '东城社区', level: 'village', parentCode: '530403001' }, // 名称待核
  { code: '530403001201', name: '侯家沟村', level: 'village', parentCode: '530403001' }, // 名称待核
  { code: '530403001202', name: '上营村', level: 'village', parentCode: '530403001' }, // 名称待核
  { code: '530403002', name: '宁海街道', level: 'township', parentCode: '530403' },
  { code: '530403002001', name: '宁海社区', level: 'village', parentCode: '530403002' }, // 名称待核
  { code: '530403002201', name: '周官营村', level: 'village', parentCode: '530403002' }, // 名称待核
  { code: '530403101', name: '江城镇', level: 'township', parentCode: '530403' },
  { code: '530403101001', name: '龙街社区', level: 'village', parentCode: '530403101' }, // 名称待核
  { code: '530403101201', name: '温泉村', level: 'village', parentCode: '530403101' },
  { code: '530403101202', name: '海门村', level: 'village', parentCode: '530403101' },
  { code: '530403102', name: '前卫镇', level: 'township', parentCode: '530403' },
  { code: '530403102001', name: '前卫社区', level: 'village', parentCode: '530403102' }, // 名称待核
  { code: '530403102201', name: '业家山村', level: 'village', parentCode: '530403102' }, // 名称待核
  { code: '530403103', name: '九溪镇', level: 'township', parentCode: '530403' },
  { code: '530403103001', name: '九溪社区', level: 'village', parentCode: '530403103' }, // 名称待核
  { code: '530403103201', name: '尹旗村', level: 'village', parentCode: '530403103' }, // 名称待核
  { code: '530403104', name: '路居镇', level: 'township', parentCode: '530403' },
  { code: '530403104001', name: '路居社区', level: 'village', parentCode: '530403104' }, // 名称待核
  { code: '530403104201', name: '下营村', level: 'village', parentCode: '530403104' }, // 名称待核
  { code: '530403201', name: '安化彝族乡', level: 'township', parentCode: '530403' },
  { code: '530403201201', name: '安化村', level: 'village', parentCode: '530403201' }, // 名称待核
  { code: '530403201202', name: '绿溪村', level: 'village', parentCode: '530403201' }, // 名称待核
  { code: '530403202', name: '雄关乡', level: 'township', parentCode: '530403' },
  { code: '530403202201', name: '雄关村', level: 'village', parentCode: '530403202' }, // 名称待核
  { code: '530403202202', name: '大洼村', level: 'village', parentCode: '530403202' }, // 名称待核

  // 澄江市
  { code: '530481', name: '澄江市', level: 'county', parentCode: '530400' },
  { code: '530481001', name: '凤麓街道', level: 'township', parentCode: '530481' },
  { code: '530481001001', name: '凤麓社区', level: 'village', parentCode: '530481001' }, // 名称待核
  { code: '530481001002', name: '东龙潭社区', level: 'village', parentCode: '530481001' }, // 名称待核
  { code: '530481002', name: '龙街街道', level: 'township', parentCode: '530481' },
  { code: '530481002001', name: '龙街社区', level: 'village', parentCode: '530481002' }, // 名称待核
  { code: '530481002201', name: '高西村', level: 'village', parentCode: '530481002' }, // 名称待核
  { code: '530481101', name: '右所镇', level: 'township', parentCode: '530481' },
  { code: '530481101001', name: '右所社区', level: 'village', parentCode: '530481101' }, // 名称待核
  { code: '530481101201', name: '禄充村', level: 'village', parentCode: '530481101' },
  { code: '530481101202', name: '旧城村', level: 'village', parentCode: '530481101' }, // 名称待核
  { code: '530481102', name: '阳宗镇', level: 'township', parentCode: '530481' },
  { code: '530481102201', name: '阳宗村', level: 'village', parentCode: '530481102' }, // 名称待核
  { code: '530481102202', name: '小寨村', level: 'village', parentCode: '530481102' }, // 名称待核
  { code: '530481103', name: '海口镇', level: 'township', parentCode: '530481' },
  { code: '530481103001', name: '海口社区', level: 'village', parentCode: '530481103' }, // 名称待核
  { code: '530481103201', name: '广龙村', level: 'village', parentCode: '530481103' }, // 名称待核
  { code: '530481104', name: '九村镇', level: 'township', parentCode: '530481' },
  { code: '530481104201', name: '九村村', level: 'village', parentCode: '530481104' }, // 名称待核
  { code: '530481104202', name: '梁家湾村', level: 'village', parentCode: '530481104' }, // 名称待核

  // 通海县
  { code: '530423', name: '通海县', level: 'county', parentCode: '530400' },
  { code: '530423001', name: '秀山街道', level: 'township', parentCode: '530423' },
  { code: '530423001001', name: '秀山社区', level: 'village', parentCode: '530423001' }, // 名称待核
  { code: '530423001002', name: '北阁社区', level: 'village', parentCode: '530423001' }, // 名称待核
  { code: '530423002', name: '九龙街道', level: 'township', parentCode: '530423' },
  { code: '530423002001', name: '九龙社区', level: 'village', parentCode: '530423002' }, // 名称待核
  { code: '530423002201', name: '大新村', level: 'village', parentCode: '530423002' }, // 名称待核
  { code: '530423101', name: '杨广镇', level: 'township', parentCode: '530423' },
  { code: '530423101001', name: '杨广社区', level: 'village', parentCode: '530423101' }, // 名称待核
  { code: '530423101201', name: '落凤村', level: 'village', parentCode: '530423101' }, // 名称待核
  { code: '530423102', name: '河西镇', level: 'township', parentCode: '530423' },
  { code: '530423102001', name: '河西社区', level: 'village', parentCode: '530423102' }, // 名称待核
  { code: '530423102201', name: '螺髻村', level: 'village', parentCode: '530423102' }, // 名称待核
  { code: '530423103', name: '四街镇', level: 'township', parentCode: '530423' },
  { code: '530423103001', name: '四街社区', level: 'village', parentCode: '530423103' }, // 名称待核
  { code: '530423103201', name: '七街村', level: 'village', parentCode: '530423103' }, // 名称待核
  { code: '530423104', name: '纳古镇', level: 'township', parentCode: '530423' },
  { code: '530423104201', name: '纳家营村', level: 'village', parentCode: '530423104' },
  { code: '530423104202', name: '古城村', level: 'village', parentCode: '530423104' },
  { code: '530423201', name: '里山彝族乡', level: 'township', parentCode: '530423' },
  { code: '530423201001', name: '里山社区', level: 'village', parentCode: '530423201' },
  { code: '530423201201', name: '芭蕉村', level: 'village', parentCode: '530423201' },
  { code: '530423201202', name: '大黑冲村', level: 'village', parentCode: '530423201' },
  { code: '530423202', name: '高大傣族彝族乡', level: 'township', parentCode: '530423' },
  { code: '530423202201', name: '高大村', level: 'village', parentCode: '530423202' }, // 名称待核
  { code: '530423202202', name: '桑园村', level: 'village', parentCode: '530423202' }, // 名称待核
  { code: '530423203', name: '兴蒙蒙古族乡', level: 'township', parentCode: '530423' },
  { code: '530423203201', name: '白阁村', level: 'village', parentCode: '530423203' },
  { code: '530423203202', name: '桃家嘴村', level: 'village', parentCode: '530423203' },
  { code: '530423203203', name: '交椅湾村', level: 'village', parentCode: '530423203' },

  // 华宁县
  { code: '530424', name: '华宁县', level: 'county', parentCode: '530400' },
  { code: '530424001', name: '宁州街道', level: 'township', parentCode: '530424' },
  { code: '530424001001', name: '宁州社区', level: 'village', parentCode: '530424001' }, // 名称待核
  { code: '530424001002', name: '新城社区', level: 'village', parentCode: '530424001' }, // 名称待核
  { code: '530424102', name: '盘溪镇', level: 'township', parentCode: '530424' },
  { code: '530424102001', name: '盘溪社区', level: 'village', parentCode: '530424102' }, // 名称待核
  { code: '530424102201', name: '大龙潭村', level: 'village', parentCode: '530424102' }, // 名称待核
  { code: '530424103', name: '华溪镇', level: 'township', parentCode: '530424' },
  { code: '530424103001', name: '华溪社区', level: 'village', parentCode: '530424103' }, // 名称待核
  { code: '530424103205', name: '小寨村', level: 'village', parentCode: '530424103' },
  { code: '530424104', name: '青龙镇', level: 'township', parentCode: '530424' },
  { code: '530424104001', name: '青龙社区', level: 'village', parentCode: '530424104' }, // 名称待核
  { code: '530424104201', name: '海镜村', level: 'village', parentCode: '530424104' }, // 名称待核
  { code: '530424201', name: '通红甸彝族苗族乡', level: 'township', parentCode: '530424' },
  { code: '530424201201', name: '通红甸村', level: 'village', parentCode: '530424201' },
  { code: '530424201202', name: '么波冲村', level: 'village', parentCode: '530424201' }, // 名称待核

  // 易门县
  { code: '530425', name: '易门县', level: 'county', parentCode: '530400' },
  { code: '530425001', name: '龙泉街道', level: 'township', parentCode: '530425' },
  { code: '530425001201', name: '中屯村', level: 'village', parentCode: '530425001' },
  { code: '530425001202', name: '梅营村', level: 'village', parentCode: '530425001' },
  { code: '530425001203', name: '方屯村', level: 'village', parentCode: '530425001' },
  { code: '530425002', name: '六街街道', level: 'township', parentCode: '530425' },
  { code: '530425002201', name: '柏树村', level: 'village', parentCode: '530425002' },
  { code: '530425002202', name: '茶树村', level: 'village', parentCode: '530425002' },
  { code: '530425002203', name: '旧县村', level: 'village', parentCode: '530425002' },
  { code: '530425100', name: '绿汁镇', level: 'township', parentCode: '530425' },
  { code: '530425100001', name: '小绿汁社区', level: 'village', parentCode: '530425100' },
  { code: '530425100201', name: '绿汁村', level: 'village', parentCode: '530425100' },
  { code: '530425100202', name: '河尾村', level: 'village', parentCode: '530425100' },
  { code: '530425100203', name: '竹子村', level: 'village', parentCode: '530425100' },
  { code: '530425201', name: '浦贝彝族乡', level: 'township', parentCode: '530425' },
  { code: '530425201201', name: '浦贝村', level: 'village', parentCode: '530425201' },
  { code: '530425201202', name: '苗茂村', level: 'village', parentCode: '530425201' },
  { code: '530425201203', name: '阿姑村', level: 'village', parentCode: '530425201' },
  { code: '530425202', name: '十街彝族乡', level: 'township', parentCode: '530425' },
  { code: '530425202201', name: '十街村', level: 'village', parentCode: '530425202' },
  { code: '530425202202', name: '马头村', level: 'village', parentCode: '530425202' },
  { code: '530425202203', name: '脚家店村', level: 'village', parentCode: '530425202' },
  { code: '530425203', name: '铜厂彝族乡', level: 'township', parentCode: '530425' },
  { code: '530425203201', name: '铜厂村', level: 'village', parentCode: '530425203' }, // 名称待核
  { code: '530425203202', name: '大椿树村', level: 'village', parentCode: '530425203' }, // 名称待核
  { code: '530425204', name: '小街乡', level: 'township', parentCode: '530425' },
  { code: '530425204201', name: '小街村', level: 'village', parentCode: '530425204' }, // 名称待核
  { code: '530425204202', name: '三家村', level: 'village', parentCode: '530425204' }, // 名称待核

  // 峨山彝族自治县
  { code: '530426', name: '峨山彝族自治县', level: 'county', parentCode: '530400' },
  { code: '530426001', name: '双江街道', level: 'township', parentCode: '530426' },
  { code: '530426001001', name: '双江社区', level: 'village', parentCode: '530426001' },
  { code: '530426001002', name: '柏锦社区', level: 'village', parentCode: '530426001' },
  { code: '530426001003', name: '登云社区', level: 'village', parentCode: '530426001' },
  { code: '530426002', name: '小街街道', level: 'township', parentCode: '530426' },
  { code: '530426002001', name: '小街社区', level: 'village', parentCode: '530426002' }, // 名称待核
  { code: '530426002201', name: '大西村', level: 'village', parentCode: '530426002' }, // 名称待核
  { code: '530426103', name: '甸中镇', level: 'township', parentCode: '530426' },
  { code: '530426103001', name: '甸中社区', level: 'village', parentCode: '530426103' }, // 名称待核
  { code: '530426103201', name: '大维堵村', level: 'village', parentCode: '530426103' }, // 名称待核
  { code: '530426104', name: '化念镇', level: 'township', parentCode: '530426' },
  { code: '530426104001', name: '新村社区', level: 'village', parentCode: '530426104' }, // 名称待核
  { code: '530426104201', name: '化念村', level: 'village', parentCode: '530426104' }, // 名称待核
  { code: '530426105', name: '塔甸镇', level: 'township', parentCode: '530426' },
  { code: '530426105201', name: '塔甸村', level: 'village', parentCode: '530426105' }, // 名称待核
  { code: '530426105202', name: '大西冲村', level: 'village', parentCode: '530426105' }, // 名称待核
  { code: '530426201', name: '岔河乡', level: 'township', parentCode: '530426' },
  { code: '530426201201', name: '岔河村', level: 'village', parentCode: '530426201' }, // 名称待核
  { code: '530426201202', name: '文山村', level: 'village', parentCode: '530426201' },
  { code: '530426201203', name: '迭所村', level: 'village', parentCode: '530426201' }, // 名称待核
  { code: '530426202', name: '大龙潭乡', level: 'township', parentCode: '530426' },
  { code: '530426202201', name: '大龙潭村', level: 'village', parentCode: '530426202' },
  { code: '530426202202', name: '他腊村', level: 'village', parentCode: '530426202' }, // 名称待核
  { code: '530426203', name: '富良棚乡', level: 'township', parentCode: '530426' },
  { code: '530426203201', name: '富良棚村', level: 'village', parentCode: '530426203' }, // 名称待核
  { code: '530426203202', name: '塔冲村', level: 'village', parentCode: '530426203' }, // 名称待核

  // 新平彝族傣族自治县
  { code: '530427', name: '新平彝族傣族自治县', level: 'county', parentCode: '530400' },
  { code: '530427001', name: '桂山街道', level: 'township', parentCode: '530427' },
  { code: '530427001001', name: '桂山社区', level: 'village', parentCode: '530427001' }, // 名称待核
  { code: '530427001201', name: '马鹿村', level: 'village', parentCode: '530427001' }, // 名称待核
  { code: '530427002', name: '古城街道', level: 'township', parentCode: '530427' },
  { code: '530427002001', name: '古城社区', level: 'village', parentCode: '530427002' }, // 名称待核
  { code: '530427002201', name: '磨盘山村', level: 'village', parentCode: '530427002' }, // 名称待核
  { code: '530427100', name: '扬武镇', level: 'township', parentCode: '530427' },
  { code: '530427100001', name: '扬武社区', level: 'village', parentCode: '530427100' }, // 名称待核
  { code: '530427100201', name: '大开门村', level: 'village', parentCode: '530427100' }, // 名称待核
  { code: '530427101', name: '漠沙镇', level: 'township', parentCode: '530427' },
  { code: '530427101201', name: '大沐浴村', level: 'village', parentCode: '530427101' },
  { code: '530427101202', name: '龙河村', level: 'village', parentCode: '530427101' }, // 名称待核
  { code: '530427102', name: '戛洒镇', level: 'township', parentCode: '530427' },
  { code: '530427102001', name: '戛洒社区', level: 'village', parentCode: '530427102' }, // 名称待核
  { code: '530427102201', name: '南碱村', level: 'village', parentCode: '530427102' },
  { code: '530427102202', name: '大槟榔园村', level: 'village', parentCode: '530427102' },
  { code: '530427103', name: '水塘镇', level: 'township', parentCode: '530427' },
  { code: '530427103201', name: '水塘村', level: 'village', parentCode: '530427103' }, // 名称待核
  { code: '530427103202', name: '金厂村', level: 'village', parentCode: '530427103' }, // 名称待核
  { code: '530427200', name: '平甸乡', level: 'township', parentCode: '530427' },
  { code: '530427200201', name: '平甸村', level: 'village', parentCode: '530427200' }, // 名称待核
  { code: '530427200202', name: '磨味村', level: 'village', parentCode: '530427200' }, // 名称待核
  { code: '530427201', name: '新化乡', level: 'township', parentCode: '530427' },
  { code: '530427201201', name: '新化村', level: 'village', parentCode: '530427201' }, // 名称待核
  { code: '530427201202', name: '坝木村', level: 'village', parentCode: '530427201' }, // 名称待核
  { code: '530427202', name: '建兴乡', level: 'township', parentCode: '530427' },
  { code: '530427202201', name: '建兴村', level: 'village', parentCode: '530427202' }, // 名称待核
  { code: '530427202202', name: '马鹿寨村', level: 'village', parentCode: '530427202' }, // 名称待核
  { code: '530427203', name: '老厂乡', level: 'township', parentCode: '530427' },
  { code: '530427203201', name: '老厂村', level: 'village', parentCode: '530427203' }, // 名称待核
  { code: '530427203202', name: '竹园村', level: 'village', parentCode: '530427203' }, // 名称待核
  { code: '530427204', name: '者竜乡', level: 'township', parentCode: '530427' },
  { code: '530427204201', name: '者竜村', level: 'village', parentCode: '530427204' }, // 名称待核
  { code: '530427204202', name: '峨德村', level: 'village', parentCode: '530427204' }, // 名称待核
  { code: '530427205', name: '平掌乡', level: 'township', parentCode: '530427' },
  { code: '530427205201', name: '平掌村', level: 'village', parentCode: '530427205' }, // 名称待核
  { code: '530427205202', name: '金平村', level: 'village', parentCode: '530427205' }, // 名称待核

  // 元江哈尼族彝族傣族自治县
  { code: '530428', name: '元江哈尼族彝族傣族自治县', level: 'county', parentCode: '530400' },
  { code: '530428001', name: '红河街道', level: 'township', parentCode: '530428' },
  { code: '530428001001', name: '红河社区', level: 'village', parentCode: '530428001' }, // 名称待核
  { code: '530428001002', name: '东门社区', level: 'village', parentCode: '530428001' }, // 名称待核
  { code: '530428002', name: '澧江街道', level: 'township', parentCode: '530428' },
  { code: '530428002001', name: '澧江社区', level: 'village', parentCode: '530428002' }, // 名称待核
  { code: '530428002002', name: '南门社区', level: 'village', parentCode: '530428002' }, // 名称待核
  { code: '530428003', name: '甘庄街道', level: 'township', parentCode: '530428' },
  { code: '530428003001', name: '甘庄社区', level: 'village', parentCode: '530428003' }, // 名称待核
  { code: '530428003201', name: '干坝村', level: 'village', parentCode: '530428003' }, // 名称待核
  { code: '530428101', name: '曼来镇', level: 'township', parentCode: '530428' },
  { code: '530428101201', name: '曼来村', level: 'village', parentCode: '530428101' }, // 名称待核
  { code: '530428101202', name: '东峨村', level: 'village', parentCode: '530428101' }, // 名称待核
  { code: '530428102', name: '因远镇', level: 'township', parentCode: '530428' },
  { code: '530428102201', name: '因远村', level: 'village', parentCode: '530428102' }, // 名称待核
  { code: '530428102202', name: '安定村', level: 'village', parentCode: '530428102' }, // 名称待核
  { code: '530428201', name: '龙潭乡', level: 'township', parentCode: '530428' },
  { code: '530428201201', name: '龙潭村', level: 'village', parentCode: '530428201' }, // 名称待核
  { code: '530428201202', name: '大田村', level: 'village', parentCode: '530428201' }, // 名称待核
  { code: '530428202', name: '羊街乡', level: 'township', parentCode: '530428' },
  { code: '530428202201', name: '羊街村', level: 'village', parentCode: '530428202' },
  { code: '530428202202', name: '戈垤村', level: 'village', parentCode: '530428202' },
  { code: '530428202203', name: '坝木村', level: 'village', parentCode: '530428202' },
  { code: '530428203', name: '那诺乡', level: 'township', parentCode: '530428' },
  { code: '530428203201', name: '那诺村', level: 'village', parentCode: '530428203' }, // 名称待核
  { code: '530428203202', name: '猪街村', level: 'village', parentCode: '530428203' }, // 名称待核
  { code: '530428204', name: '洼垤乡', level: 'township', parentCode: '530428' },
  { code: '530428204201', name: '洼垤村', level: 'village', parentCode: '530428204' }, // 名称待核
  { code: '530428204202', name: '邑慈碑村', level: 'village', parentCode: '530428204' }, // 名称待核
  { code: '530428205', name: '咪哩乡', level: 'township', parentCode: '530428' },
  { code: '530428205201', name: '咪哩村', level: 'village', parentCode: '530428205' }, // 名称待核
  { code: '530428205202', name: '坝利村', level: 'village', parentCode: '530428205' }, // 名称待核
];
