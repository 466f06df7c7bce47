// The shell adapter: the terminal as a chat surface (what `npm start` opens by default).
export { readShellLine, type ShellInput } from "./input.ts";
export { type ShellOptions, startShell } from "./loop.ts";
export { renderText } from "./render-text.ts";
