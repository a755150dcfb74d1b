// "React's floor": the floor page (floor.js) written with React and nothing else of the stack. One
// fetch, then createRoot renders the same 100 rows with a <progress> each: no router, no query
// cache, no validation, no table library, no formatting library. What React alone costs over the
// plain page bounds what the app can reach without painting rows before React runs.
import { createRoot } from "react-dom/client";

type RawJob = {
  job_id: string;
  owner: string;
  status: string;
  progress: string;
  start_time: number;
  duration: number;
};

function Row({ job }: { job: RawJob }) {
  const [step, steps] = String(job.progress).split("/").map(Number);
  return (
    <tr className="job-row" data-job-id={job.job_id}>
      <td>{job.job_id}</td>
      <td>{job.owner}</td>
      <td>{job.status}</td>
      <td>
        <progress max={steps || 1} value={step || 0} />
      </td>
      <td>{new Date(job.start_time).toLocaleString()}</td>
      <td>{`${job.duration} s`}</td>
    </tr>
  );
}

const project = new URLSearchParams(location.search).get("project");
const response = await fetch(`/v2.0/${project}/gene/jobs?job_type=DNA_SOMATIC&limit=100&offset=0`);
const { jobs } = (await response.json()) as { jobs: RawJob[] };
const body = document.getElementById("rows");
if (body) {
  createRoot(body).render(jobs.map((job) => <Row key={job.job_id} job={job} />));
}
