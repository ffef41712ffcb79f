export declare const SOURCE_DIR: string;
export declare const TARGET_DIRS: readonly string[];
export declare const GENERATED_HEADER: string;
export declare function expectedCopy(root: string): Promise<Map<string, string>>;
export declare function findDrift(root: string): Promise<string[]>;
export declare function writeCopies(root: string): Promise<number>;
