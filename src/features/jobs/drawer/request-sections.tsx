import { useId, useMemo } from "react";
import type { JobType } from "../../../contract/list-url";
import { useViewMessages as useMessages } from "../../../lib/i18n/view-messages";
import { groupRequest, type RequestGroup } from "../request/request-groups";
import { FieldValue } from "./field-value";

function Section({ group }: { group: RequestGroup }) {
  const headingId = useId();
  const m = useMessages();
  return (
    <section className="drawer-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{m.drawer.groups[group.id] ?? group.title}</h3>
      <dl className="fields">
        {group.fields.map((field) => (
          <div key={field.key} className="field">
            <dt>
              {group.id === "other" ? field.label : (m.drawer.fields[field.key] ?? field.label)}
            </dt>
            <dd>
              <FieldValue value={field.value} kind={field.kind} />
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** The decoded request, grouped the way a lab member reads it. */
export function RequestSections({ value, jobType }: { value: unknown; jobType: JobType }) {
  const groups = useMemo(
    () => groupRequest(value, jobType === "DNA_GERMLINE" ? "germline" : "somatic"),
    [value, jobType],
  );
  return (
    <>
      {groups.map((group) => (
        <Section key={group.id} group={group} />
      ))}
    </>
  );
}
