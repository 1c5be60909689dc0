"""OKRs: cycles, objectives, key results, measurements, check-ins, initiatives, KPIs, history."""
