// ASCII codes the engine compares bytes with, named once.
export const LF = 0x0a;
export const CR = 0x0d;
export const PERCENT = 0x25;
export const BACKSLASH = 0x5c;
