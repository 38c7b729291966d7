export * from './reader.ts';
export * from './values.ts';
