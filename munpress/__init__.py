"""munpress: turns the manuscripts of «Муниципалитет» into print-ready PDF issues.

The pipeline (munpress/pipeline.py): load the manifest → read each .docx into the model →
typography → assemble one edition per language → layout with ReportLab → write the PDF →
run the checks over the manifest, the model and the layout's page map.
"""

__version__ = "0.1.0"
