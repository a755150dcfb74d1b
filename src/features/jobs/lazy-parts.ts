import { lazyComponent, preloadAfterContent } from "../../lib/lazy-component";

// Parts of the list that the first rows never need: kept out of the first bundle, fetched when
// the browser is idle after the rows are on screen (or at once if asked for sooner).

/** The job drawer: fetched as soon as the list is on screen (see JobsList), so a click opens it
 * at once; a bookmarked job= renders it when the code arrives. */
export const JobDrawer = lazyComponent(() => import("./drawer/job-drawer").then((m) => m.default));

const rangeTools = () => import("./components/range-tools");
export const RangeReadProgress = lazyComponent(() => rangeTools().then((m) => m.RangeReadProgress));
export const CapNotice = lazyComponent(() => rangeTools().then((m) => m.CapNotice));

export const ConfirmCancelDialog = lazyComponent(() =>
  import("./cancel/cancel-dialogs").then((m) => m.ConfirmCancelDialog),
);

/** Shown only when a hand-edited address had parts the list could not use. */
export const UnusedParamsNotice = lazyComponent(() =>
  import("./components/unused-params-notice").then((m) => m.UnusedParamsNotice),
);

export const ShortcutHelp = lazyComponent(() =>
  import("./components/shortcut-help").then((m) => m.ShortcutHelp),
);

/** Time left and slow/overdue flags of an active job's row, from the finished jobs at hand. */
export const RowInsight = lazyComponent(() =>
  import("./insight/row-insight").then((m) => m.RowInsight),
);

/** "Notify me" in the page header: browser notifications are opt-in, their code comes later. */
export const ProjectNotifyButton = lazyComponent(() =>
  import("./watch/notify-part").then((m) => m.ProjectNotifyButton),
);

for (const part of [
  RangeReadProgress,
  CapNotice,
  ConfirmCancelDialog,
  ShortcutHelp,
  RowInsight,
  ProjectNotifyButton,
]) {
  preloadAfterContent(part.preload);
}
