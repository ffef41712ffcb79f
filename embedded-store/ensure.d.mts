export declare const embeddedStoreClasspath: string;
export declare const embeddedStoreMainClass: string;
export declare function ensureEmbeddedStore(options?: { log?: (line: string) => void }): string;
