// The floor: the least a page can do to show the same 100 jobs. One fetch, 100 rows built with
// the DOM API, a <progress> per row. No framework, no validation, no formatting library.
const project = new URLSearchParams(location.search).get("project");
const response = await fetch(`/v2.0/${project}/gene/jobs?job_type=DNA_SOMATIC&limit=100&offset=0`);
const { jobs } = await response.json();
const body = document.getElementById("rows");
const fragment = document.createDocumentFragment();
for (const job of jobs) {
  const row = document.createElement("tr");
  row.className = "job-row";
  row.dataset.jobId = job.job_id;
  const [step, steps] = String(job.progress).split("/").map(Number);
  const progress = document.createElement("progress");
  progress.max = steps || 1;
  progress.value = step || 0;
  const cells = [
    job.job_id,
    job.owner,
    job.status,
    progress,
    new Date(job.start_time).toLocaleString(),
    `${job.duration} s`,
  ];
  for (const content of cells) {
    const cell = document.createElement("td");
    if (typeof content === "string") cell.textContent = content;
    else cell.append(content);
    row.append(cell);
  }
  fragment.append(row);
}
body.append(fragment);
