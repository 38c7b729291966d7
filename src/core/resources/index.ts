export * from './ip.ts';
export * from './as.ts';
export * from './ip-addr-blocks.ts';
export * from './as-identifiers.ts';
export * from './resource-set.ts';
