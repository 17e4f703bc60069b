import { commandSpec, type CommandName } from './commands.js';
import type { Region, RoleGrant, RoleName } from './types.js';

/** True when `inner` is `outer` or lies below it in the region tree. */
export function isWithin(innerPath: string, outerPath: string): boolean {
  return innerPath === outerPath || innerPath.startsWith(`${outerPath}/`);
}

/** Roles the sender holds whose scope covers the region (admins cover everything). */
export function rolesCovering(roles: readonly RoleGrant[], region: Pick<Region, 'path'>): RoleName[] {
  return roles.filter((r) => r.role === 'admin' || isWithin(region.path, r.regionPath)).map((r) => r.role);
}

export function hasAnyRole(roles: readonly RoleGrant[], wanted: readonly (RoleName | 'everyone')[]): boolean {
  return wanted.includes('everyone') || roles.some((r) => wanted.includes(r.role));
}

/**
 * May a sender with these roles use the command at all (anywhere)? Used by /help so people only
 * see what they can do; each handler still checks the scope against the chat's region.
 */
export function mayUse(command: CommandName, roles: readonly RoleGrant[]): boolean {
  return hasAnyRole(roles, commandSpec(command).who);
}

/** May the sender use the command for this region: a role listed for it whose scope covers it. */
export function mayUseIn(command: CommandName, roles: readonly RoleGrant[], region: Pick<Region, 'path'>): boolean {
  const who = commandSpec(command).who;
  if (who.includes('everyone')) return true;
  return rolesCovering(roles, region).some((r) => who.includes(r));
}

/** A person's home village for records sent in private: the scope of their cadre role. */
export function cadreVillage(roles: readonly RoleGrant[]): RoleGrant | null {
  return roles.find((r) => r.role === 'cadre') ?? null;
}

export const ROLE_LABELS: Record<RoleName, string> = {
  admin: '工作专班',
  county_station: '县级联络服务站',
  township_station: '乡镇联络服务站',
  council: '理事会成员',
  leader: '编制组组长',
  cadre: '回乡干部',
};
