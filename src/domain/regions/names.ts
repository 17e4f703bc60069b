/**
 * Official village and community names end in the committee's title (温泉村民委员会,
 * 江城社区居民委员会); people say the place (温泉村, 江城社区). The official name is kept beside
 * the spoken one, so both find the region.
 */
const VILLAGE_COMMITTEE = /^(.+?)(?:村民委员会|村委会)$/u;
const RESIDENTS_COMMITTEE = /^(.+?)(?:社区)?(?:居民委员会|居委会)$/u;

export function spokenName(official: string): string {
  const village = VILLAGE_COMMITTEE.exec(official);
  // 新村村民委员会 is the committee of 新村, not of 新村村.
  if (village) return village[1]!.endsWith('村') ? village[1]! : `${village[1]!}村`;
  const community = RESIDENTS_COMMITTEE.exec(official);
  if (community) return `${community[1]!}社区`;
  return official;
}
