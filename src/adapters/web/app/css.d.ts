// esbuild bundles the app's CSS imports into one style sheet beside the script (src/adapters/web/serve.ts).
declare module '*.css';
