import type { DirectoryLookup } from '../../features/identity/directory.js';
import type { Logger } from '../../engine/ports.js';
import type { LarkClient } from './client.js';

/** The look-up runs while Feishu waits for our answer (3 s), so it may take only part of that. */
const DIRECTORY_TIMEOUT_MS = 1_500;

interface ContactUserAnswer {
  code?: number;
  data?: { user?: { mobile?: unknown; employee_no?: unknown } };
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

/**
 * Feishu's contact API: GET /open-apis/contact/v3/users/:user_id with user_id_type=open_id. The
 * mobile comes only with 获取用户手机号 (contact:user.phone:readonly) and the employee number only
 * with 查看成员工号 (contact:user.employee_number:read); without them the fields are absent and the
 * directory says nothing.
 */
export function createLarkDirectory(deps: { lark: LarkClient; logger: Logger }): DirectoryLookup {
  return async (openId) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timed out')), DIRECTORY_TIMEOUT_MS);
      });
      const request = deps.lark.client.request({
        method: 'GET',
        url: `/open-apis/contact/v3/users/${encodeURIComponent(openId)}`,
        params: { user_id_type: 'open_id' },
      });
      const answer = (await Promise.race([request, timeout])) as ContactUserAnswer;
      if (answer?.code !== 0) {
        deps.logger.warn('lark directory look-up refused', { code: answer?.code ?? null });
        return null;
      }
      const mobile = text(answer.data?.user?.mobile);
      const employeeNo = text(answer.data?.user?.employee_no);
      return mobile || employeeNo ? { mobile, employeeNo } : null;
    } catch (err) {
      // A missing permission is an HTTP 400 with Feishu's code in the body; only the code is logged.
      const body = (err as { response?: { status?: number; data?: { code?: number } } }).response;
      deps.logger.warn('lark directory look-up failed', { status: body?.status ?? null, code: body?.data?.code ?? null });
      return null;
    } finally {
      clearTimeout(timer);
    }
  };
}
