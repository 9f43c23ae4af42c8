export declare function isBrowserLike(scope?: Record<string, unknown>): boolean;
