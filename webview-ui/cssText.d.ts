// esbuild loads .css files as text (loader: { '.css': 'text' }); main.ts adopts it as a stylesheet.
declare module '*.css' {
  const text: string;
  export default text;
}
