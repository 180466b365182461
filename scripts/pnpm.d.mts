export declare const PINNED_PNPM: string;
export declare function pnpmCommand(): string[];
