// The list page's "Notify me", loaded on demand (lazy-parts.ts). A module of its own: the button
// module is also imported statically by other on-demand views, and a module imported both ways
// costs the first load a namespace helper.
export { ProjectNotifyButton } from "./notify-button";
