/** The holiday playbook's ladder with named contacts, as a team would configure it. */
export const PLAYBOOK_LADDERS = [
  {
    name: "revenue",
    when: { revenue: true, no_workaround: true },
    steps: [
      {
        after: "30m",
        notify: ["@tech-leads"],
        note: "Revenue is hit and no workaround exists: tech lead or VP of engineering.",
      },
      {
        after: "2h",
        notify: ["@cto"],
        note: "Two hours without a workaround: the CTO takes over escalation.",
      },
      { after: "3h", notify: ["@ceo"], note: "Three hours without a workaround: the CTO brings in the CEO." },
    ],
  },
  {
    name: "default",
    when: { no_workaround: true },
    steps: [
      {
        after: "30m",
        notify: ["@tech-leads"],
        note: "Thirty minutes in: the area's tech lead decides next steps.",
      },
    ],
  },
];
