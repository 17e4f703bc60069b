import type { DirectoryEntry } from '../../../domain/identity/claims.js';
import type { Platform } from '../../../domain/types.js';

export type { DirectoryEntry };

/**
 * "Who is this sender in the organisation's directory?" A platform whose directory the app may
 * read (Feishu's contact API; DingTalk's user detail by staffId and WeCom's user/get answer the
 * same question with mobile and job number) implements it. Null when the directory says nothing:
 * no permission, an unknown user, the service unreachable. It never throws: a claim then falls
 * back to the phone tail, which gives less.
 */
export type DirectoryLookup = (userId: string) => Promise<DirectoryEntry | null>;

/** The directories of the configured platforms; filled as adapters are built. */
export type Directories = Partial<Record<Platform, DirectoryLookup>>;
