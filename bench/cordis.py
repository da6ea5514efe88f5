"""Load the CORDIS Horizon 2020 participations as an organisation-organisation network.

Data: ../shared/data/cordis_h2020/h2020.csv.gz (see SOURCE.md there): one row
per participation; ``pic`` is the organisation, ``rcn`` the project.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd

from graph.analysis.network import Network
from graph.analysis.views import project_incidence

DATA = Path(
    os.environ.get(
        "PONTES_CORDIS", Path(__file__).resolve().parents[2] / "shared" / "data" / "cordis_h2020" / "h2020.csv.gz"
    )
)


def participations(path: Path = DATA) -> pd.DataFrame:
    """The participations: ``pic``, ``rcn``, ``country`` (``NA`` is Namibia, not missing), ``start_year``."""
    return pd.read_csv(
        path,
        usecols=["rcn", "pic", "country", "start_year"],
        keep_default_na=False,
        na_values={"start_year": ["NA", ""]},
        dtype={"country": str},
    )


def projection(df: pd.DataFrame, *, weighting: str = "count") -> Network:
    """Organisations tied by shared projects (weight = number of shared projects), country as attribute."""
    org, oi = np.unique(df["pic"].to_numpy(), return_inverse=True)
    prj, pi = np.unique(df["rcn"].to_numpy(), return_inverse=True)
    country = df.groupby("pic")["country"].first().reindex(org).tolist()
    years = df.groupby("rcn")["start_year"].first().reindex(prj).to_numpy(dtype=float)
    return project_incidence(
        [int(x) for x in org], oi, pi, item_years=years, weighting=weighting, node_attrs={"country": country}
    )
